package cl.cobranza.connectors.debezium;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One Debezium embedded engine capturing one ERP database (PostgreSQL, pgoutput) into the raw topics
 * {@code raw.<source>.<schema>.<table>} of a real Kafka broker. A batch's offsets are committed only
 * after Kafka has acknowledged every record of it, so a crash can repeat changes but never lose one;
 * repeats are harmless downstream (state is keyed by row and source position).
 */
public final class PostgresCapture implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresCapture.class);
    /** The demo ERP's captured tables. */
    public static final List<String> DEMO_TABLES = List.of("public.customers", "public.invoices",
            "public.credit_notes", "public.payments");

    private final String source;
    private final DebeziumEngine<ChangeEvent<String, String>> engine;
    private final KafkaProducer<String, String> producer;
    private final ExecutorService executor;
    private final AtomicLong captured = new AtomicLong();
    private final CountDownLatch firstBatchOrStreaming = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean closed;

    /** Settings of one PostgreSQL source. */
    public record Source(String name, String host, int port, String database, String user, String password,
                         List<String> tables) {
    }

    private PostgresCapture(Source src, Path offsetsDir, String bootstrapServers) throws Exception {
        this.source = src.name();
        Files.createDirectories(offsetsDir);
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        producerProps.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        producerProps.put(ProducerConfig.CLIENT_ID_CONFIG, "capture-" + source);
        this.producer = new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer());

        String slot = "cobranza_" + source.replaceAll("[^a-zA-Z0-9]", "_").toLowerCase();
        Properties p = new Properties();
        p.setProperty("name", "erp-" + source);
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
        p.setProperty("offset.storage.file.filename", offsetsDir.resolve(source + ".offsets").toString());
        p.setProperty("offset.flush.interval.ms", "1000");
        p.setProperty("database.hostname", src.host());
        p.setProperty("database.port", Integer.toString(src.port()));
        p.setProperty("database.user", src.user());
        p.setProperty("database.password", src.password());
        p.setProperty("database.dbname", src.database());
        p.setProperty("topic.prefix", "raw." + source);
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", slot);
        p.setProperty("publication.name", slot);
        p.setProperty("publication.autocreate.mode", "filtered");
        p.setProperty("table.include.list", String.join(",", src.tables()));
        // money as exact text, never double (shared/docs/spikes.md)
        p.setProperty("decimal.handling.mode", "string");
        p.setProperty("tombstones.on.delete", "false");
        p.setProperty("key.converter.schemas.enable", "false");
        p.setProperty("value.converter.schemas.enable", "false");
        // heartbeats keep the slot's confirmed LSN moving, so WAL does not pile up on idle tables
        p.setProperty("heartbeat.interval.ms", "10000");
        p.setProperty("snapshot.mode", "initial");
        // small batches, short polls: freshness matters more than batching at demo rates
        p.setProperty("poll.interval.ms", "50");
        p.setProperty("max.batch.size", "2048");
        p.setProperty("max.queue.size", "8192");
        p.setProperty("errors.max.retries", "-1");
        p.setProperty("errors.retry.delay.initial.ms", "500");
        p.setProperty("errors.retry.delay.max.ms", "10000");

        this.engine = DebeziumEngine.create(Json.class)
                .using(p)
                .notifying(this::handleBatch)
                .using((success, message, error) -> {
                    if (!success && !closed) {
                        failure.set(error != null ? error : new IllegalStateException(message));
                        LOG.error("capture of source {} stopped: {}", source, message, error);
                    }
                    firstBatchOrStreaming.countDown();
                })
                .using(new DebeziumEngine.ConnectorCallback() {
                    @Override
                    public void taskStarted() {
                        firstBatchOrStreaming.countDown();
                    }
                })
                .build();
        this.executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "debezium-" + source));
    }

    /** Starts capturing; returns once the connector task runs (or fails). */
    public static PostgresCapture start(Source src, Path offsetsDir, String bootstrapServers, Duration timeout)
            throws Exception {
        PostgresCapture capture = new PostgresCapture(src, offsetsDir, bootstrapServers);
        capture.executor.submit(capture.engine);
        if (!capture.firstBatchOrStreaming.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("capture of {} not started after {}; continuing, it keeps retrying", src.name(), timeout);
        }
        if (capture.failure.get() != null) {
            capture.close();
            throw new IllegalStateException("capture of source " + src.name() + " failed to start: "
                    + capture.failure.get().getMessage(), capture.failure.get());
        }
        return capture;
    }

    private void handleBatch(List<ChangeEvent<String, String>> records,
                             DebeziumEngine.RecordCommitter<ChangeEvent<String, String>> committer)
            throws InterruptedException {
        List<Future<?>> sends = new ArrayList<>(records.size());
        for (ChangeEvent<String, String> r : records) {
            if (r.value() == null) {
                continue; // tombstones are off; nothing else is null
            }
            sends.add(producer.send(new ProducerRecord<>(r.destination(), r.key(), r.value())));
        }
        producer.flush();
        for (Future<?> f : sends) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                // do not mark the batch: the engine stops and, on restart, resends from the last committed offset
                throw new IllegalStateException("Kafka refused a change of source " + source + ": "
                        + e.getCause().getMessage(), e.getCause());
            }
        }
        for (ChangeEvent<String, String> r : records) {
            committer.markProcessed(r);
        }
        committer.markBatchFinished();
        captured.addAndGet(sends.size());
    }

    public String source() {
        return source;
    }

    /** Change events captured and acknowledged by Kafka since start. */
    public long captured() {
        return captured.get();
    }

    public boolean failed() {
        return failure.get() != null;
    }

    @Override
    public synchronized void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        engine.close();
        executor.shutdown();
        if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
            LOG.warn("capture of {} did not stop in 30 s", source);
        }
        producer.close(Duration.ofSeconds(10));
    }

}
