package cl.cobranza.connectors.debezium;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A capture whose source could not be reached when it was added: it keeps trying to start it in the
 * background with backoff (1 s doubling to 30 s), reports {@code RETRYING} with the last error meanwhile,
 * and behaves as the started capture once one attempt succeeds. The other sources keep flowing.
 */
public final class RetryingCapture implements SourceCapture {
    private static final Logger LOG = LoggerFactory.getLogger(RetryingCapture.class);
    private static final long FIRST_DELAY_MS = 1_000;
    private static final long MAX_DELAY_MS = 30_000;

    private final String source;
    private final AtomicReference<SourceCapture> started = new AtomicReference<>();
    private final AtomicReference<Throwable> lastError = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean closed;

    /** Starts the source now if it can; otherwise returns a capture that keeps retrying in the background. */
    public static SourceCapture start(DebeziumCapture.Source src, Path offsetsDir, String bootstrapServers,
                                      Duration timeout) {
        try {
            return SourceCapture.start(src, offsetsDir, bootstrapServers, timeout);
        } catch (Exception e) {
            LOG.warn("source {} could not be captured ({}); retrying in the background", src.name(), e.toString());
            return new RetryingCapture(src, offsetsDir, bootstrapServers, timeout, e);
        }
    }

    private RetryingCapture(DebeziumCapture.Source src, Path offsetsDir, String bootstrapServers, Duration timeout,
                            Throwable first) {
        this.source = src.name();
        lastError.set(first);
        thread = new Thread(() -> retry(src, offsetsDir, bootstrapServers, timeout), "capture-retry-" + source);
        thread.setDaemon(true);
        thread.start();
    }

    private void retry(DebeziumCapture.Source src, Path offsetsDir, String bootstrapServers, Duration timeout) {
        long delay = FIRST_DELAY_MS;
        while (!closed) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                return;
            }
            if (closed) {
                return;
            }
            try {
                SourceCapture capture = SourceCapture.start(src, offsetsDir, bootstrapServers, timeout);
                synchronized (this) {
                    if (closed) {
                        capture.close();
                        return;
                    }
                    started.set(capture);
                }
                LOG.info("source {} reached: capturing", source);
                return;
            } catch (Exception e) {
                lastError.set(e);
                delay = Math.min(MAX_DELAY_MS, delay * 2);
                LOG.warn("source {} still unreachable ({}); next attempt in {} ms", source, e.toString(), delay);
            }
        }
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public long captured() {
        SourceCapture c = started.get();
        return c == null ? 0 : c.captured();
    }

    @Override
    public boolean failed() {
        SourceCapture c = started.get();
        return c != null && c.failed();
    }

    @Override
    public String state() {
        SourceCapture c = started.get();
        return c == null ? (closed ? "CLOSED" : "RETRYING") : c.state();
    }

    @Override
    public Throwable failure() {
        SourceCapture c = started.get();
        return c == null ? lastError.get() : c.failure();
    }

    @Override
    public synchronized void close() throws Exception {
        closed = true;
        thread.interrupt();
        SourceCapture c = started.get();
        if (c != null) {
            c.close();
        }
    }
}
