package cl.cobranza.connectors.debezium;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A supervised capture: when its source cannot be started (database down, wrong settings) or the running
 * capture stops on an error (Kafka unreachable longer than the producer's delivery timeout), it starts it
 * again in the background with backoff (1 s doubling to 30 s), reporting {@code RETRYING} with the last
 * error meanwhile. Offsets are only committed after Kafka acknowledged, so a restart repeats changes at
 * most, never loses one. The other sources keep flowing.
 */
public final class RetryingCapture implements SourceCapture {
    private static final Logger LOG = LoggerFactory.getLogger(RetryingCapture.class);
    private static final long FIRST_DELAY_MS = 1_000;
    private static final long MAX_DELAY_MS = 30_000;

    private final String source;
    private final AtomicReference<SourceCapture> running = new AtomicReference<>();
    private final AtomicReference<Throwable> lastError = new AtomicReference<>();
    private final Thread supervisor;
    private volatile long capturedBefore;
    private volatile boolean closed;

    /** Starts the capture now if it can, and supervises it from then on. */
    public static SourceCapture start(DebeziumCapture.Source src, Path offsetsDir, String bootstrapServers,
                                      Duration timeout) {
        SourceCapture first = null;
        Throwable error = null;
        try {
            first = SourceCapture.start(src, offsetsDir, bootstrapServers, timeout);
        } catch (Exception e) {
            LOG.warn("source {} could not be captured ({}); retrying in the background", src.name(), e.toString());
            error = e;
        }
        return new RetryingCapture(src, offsetsDir, bootstrapServers, timeout, first, error);
    }

    private RetryingCapture(DebeziumCapture.Source src, Path offsetsDir, String bootstrapServers, Duration timeout,
                            SourceCapture first, Throwable error) {
        this.source = src.name();
        running.set(first);
        lastError.set(error);
        supervisor = new Thread(() -> supervise(src, offsetsDir, bootstrapServers, timeout), "capture-supervisor-" + source);
        supervisor.setDaemon(true);
        supervisor.start();
    }

    private void supervise(DebeziumCapture.Source src, Path offsetsDir, String bootstrapServers, Duration timeout) {
        long delay = FIRST_DELAY_MS;
        while (!closed) {
            SourceCapture current = running.get();
            if (current != null && !current.failed()) {
                delay = FIRST_DELAY_MS;
                pause(1_000);
                continue;
            }
            if (current != null) { // it stopped on an error: close it and start a new one
                lastError.set(current.failure());
                capturedBefore += current.captured();
                running.set(null);
                closeQuietly(current);
                LOG.warn("capture of {} stopped ({}); restarting in {} ms", source, lastError.get(), delay);
            }
            pause(delay);
            if (closed) {
                return;
            }
            try {
                SourceCapture started = SourceCapture.start(src, offsetsDir, bootstrapServers, timeout);
                synchronized (this) {
                    if (closed) {
                        closeQuietly(started); // closed while starting: never leave it running
                        return;
                    }
                    running.set(started);
                }
                LOG.info("source {} captured again", source);
            } catch (Exception e) {
                lastError.set(e);
                LOG.warn("source {} still not captured ({}); next attempt in {} ms", source, e.toString(),
                        Math.min(MAX_DELAY_MS, delay * 2));
            }
            delay = Math.min(MAX_DELAY_MS, delay * 2);
        }
    }

    /** Sleeps in short steps so that close() is noticed without interrupting a start in progress. */
    private void pause(long millis) {
        long until = System.currentTimeMillis() + millis;
        while (!closed && System.currentTimeMillis() < until) {
            try {
                Thread.sleep(Math.min(100, Math.max(1, until - System.currentTimeMillis())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void closeQuietly(SourceCapture c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("closing the capture of {} failed: {}", source, e.toString());
        }
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public long captured() {
        SourceCapture c = running.get();
        return capturedBefore + (c == null ? 0 : c.captured());
    }

    /** Never true: a supervised capture keeps trying; its state and last error say what is wrong. */
    @Override
    public boolean failed() {
        return false;
    }

    @Override
    public String state() {
        SourceCapture c = running.get();
        if (closed) {
            return "CLOSED";
        }
        return c == null || c.failed() ? "RETRYING" : c.state();
    }

    @Override
    public Throwable failure() {
        SourceCapture c = running.get();
        Throwable current = c == null ? null : c.failure();
        return current != null ? current : (c == null ? lastError.get() : null);
    }

    @Override
    public void close() throws Exception {
        SourceCapture c;
        synchronized (this) {
            closed = true;
            c = running.getAndSet(null);
        }
        if (c != null) {
            c.close();
        }
        supervisor.join(5_000); // a start in progress closes what it started when it returns
    }
}
