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
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * One Debezium embedded engine capturing one source database (PostgreSQL via pgoutput, MySQL via the binlog) into
 * the raw topics {@code raw.<source>.<schema or database>.<table>} of a real Kafka broker, through our own producer.
 * MariaDB sources go to {@link cl.cobranza.connectors.mariadb.MariaDbBinlogCapture} instead (see
 * {@link SourceCapture#start}). A batch's offsets are committed only after Kafka has acknowledged every record of it,
 * so a crash can repeat changes but never lose one; repeats are harmless downstream (state is keyed by row and
 * source position).
 *
 * <p>Every kind: JSON envelopes without schemas, {@code decimal.handling.mode=string}, no tombstones, snapshot then
 * streaming, heartbeats every 10 s, endless retries with backoff (0.5 s doubling to 10 s) on retriable errors of a
 * running task (a lost database connection). A lost binlog connection (the server restarted) is re-opened by the
 * binlog client's keep-alive thread, every 5 s until the server answers. The binlog kind (MySQL) adds: a schema
 * history file beside the offsets, a replica server id derived from the source name, {@code TINYINT(1)} (MySQL's
 * {@code BOOLEAN}) as JSON booleans, no schema-change topic. For a binlog source the envelope's {@code source.file}
 * and {@code source.pos} give the position (see {@code cl.cobranza.core.normalize.BinlogPosition}); {@code pos}
 * alone restarts in every binlog file.
 */
public final class DebeziumCapture implements SourceCapture {
    private static final Logger LOG = LoggerFactory.getLogger(DebeziumCapture.class);
    private static final Pattern SOURCE_NAME = Pattern.compile("[A-Za-z0-9_-]+");
    /** Debezium's default heartbeat topic is this prefix + the topic prefix ({@code raw.<source>}). */
    private static final String HEARTBEAT_TOPIC_PREFIX = "__debezium-heartbeat.";

    private final String source;
    private final DebeziumEngine<ChangeEvent<String, String>> engine;
    private final KafkaProducer<String, String> producer;
    private final ExecutorService executor;
    private final AtomicLong captured = new AtomicLong();
    private final CountDownLatch firstBatchOrStreaming = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean closed;

    /** Which Debezium connector reads the source. */
    public enum Kind {
        /** PostgreSQL logical decoding (pgoutput); tables are {@code schema.table}. */
        POSTGRES("io.debezium.connector.postgresql.PostgresConnector"),
        /** MySQL binlog; tables are {@code database.table}. */
        MYSQL("io.debezium.connector.mysql.MySqlConnector"),
        /**
         * MariaDB binlog, read by our own {@link cl.cobranza.connectors.mariadb.MariaDbBinlogCapture} (Debezium 3.6's
         * MySQL connector refuses MariaDB); tables are {@code database.table}. No Debezium connector class.
         */
        MARIADB(null);

        private final String connectorClass;

        Kind(String connectorClass) {
            this.connectorClass = connectorClass;
        }

        /** The Debezium connector class; null for MARIADB, which no Debezium engine reads here. */
        public String connectorClass() {
            return connectorClass;
        }

        /** Whether the source is read from a MySQL-style binary log. */
        public boolean binlog() {
            return this != POSTGRES;
        }
    }

    /**
     * Settings of one source database.
     *
     * @param name   the source (client) name: the topics' second part, so letters, digits, {@code _} and {@code -}
     * @param tables captured tables, qualified: {@code schema.table} (PostgreSQL) or {@code database.table}
     */
    public record Source(Kind kind, String name, String host, int port, String database, String user, String password,
                         List<String> tables) {
        public Source {
            Objects.requireNonNull(kind, "kind");
            if (name == null || !SOURCE_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("source name must be letters, digits, _ or -, got '" + name + "'");
            }
            tables = List.copyOf(tables);
            for (String t : tables) {
                if (t.split("\\.").length != 2) {
                    throw new IllegalArgumentException("table '" + t + "' of source " + name + " is not "
                            + (kind.binlog() ? "database.table" : "schema.table"));
                }
            }
        }

        /** A PostgreSQL source. */
        public static Source postgres(String name, String host, int port, String database, String user, String password,
                                      List<String> tables) {
            return new Source(Kind.POSTGRES, name, host, port, database, user, password, tables);
        }

        /** A MariaDB source. */
        public static Source mariadb(String name, String host, int port, String database, String user, String password,
                                     List<String> tables) {
            return new Source(Kind.MARIADB, name, host, port, database, user, password, tables);
        }

        /** A MySQL source. */
        public static Source mysql(String name, String host, int port, String database, String user, String password,
                                   List<String> tables) {
            return new Source(Kind.MYSQL, name, host, port, database, user, password, tables);
        }

        @Override
        public String toString() {
            return "Source[" + kind + " " + name + " " + user + "@" + host + ":" + port + "/" + database + " " + tables + "]";
        }
    }

    private DebeziumCapture(Source src, Path offsetsDir, String bootstrapServers) throws Exception {
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
        Properties p = engineProperties(src, offsetsDir);

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

    /**
     * Starts capturing; returns once the connector task runs, or throws when the engine fails first: Debezium checks
     * that it can connect before it starts, so a database that is down at this moment is an error here (once
     * running, a lost connection is retried). Offsets go to
     * {@code <offsetsDir>/<source>.offsets}, a binlog source's schema history to
     * {@code <offsetsDir>/<source>.schema-history}: both must be kept together.
     */
    public static DebeziumCapture start(Source src, Path offsetsDir, String bootstrapServers, Duration timeout)
            throws Exception {
        requireDebeziumKind(src);
        DebeziumCapture capture = new DebeziumCapture(src, offsetsDir, bootstrapServers);
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

    /** The embedded engine's settings for a source: the common ones, then the connector kind's. */
    static Properties engineProperties(Source src, Path offsetsDir) {
        requireDebeziumKind(src);
        String source = src.name();
        Properties p = new Properties();
        p.setProperty("name", "erp-" + source);
        p.setProperty("connector.class", src.kind().connectorClass());
        p.setProperty("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
        p.setProperty("offset.storage.file.filename", offsetsDir.resolve(source + ".offsets").toString());
        p.setProperty("offset.flush.interval.ms", "1000");
        p.setProperty("database.hostname", src.host());
        p.setProperty("database.port", Integer.toString(src.port()));
        p.setProperty("database.user", src.user());
        p.setProperty("database.password", src.password());
        p.setProperty("topic.prefix", "raw." + source);
        p.setProperty("table.include.list", String.join(",", src.tables()));
        // money as exact text, never double (shared/docs/spikes.md)
        p.setProperty("decimal.handling.mode", "string");
        p.setProperty("tombstones.on.delete", "false");
        p.setProperty("key.converter.schemas.enable", "false");
        p.setProperty("value.converter.schemas.enable", "false");
        // PostgreSQL: heartbeats keep the slot's confirmed LSN moving, so WAL does not pile up on idle tables;
        // binlog: they carry the latest binlog position into the offsets while captured tables are idle
        p.setProperty("heartbeat.interval.ms", "10000");
        p.setProperty("snapshot.mode", "initial");
        // small batches, short polls: freshness matters more than batching at demo rates
        p.setProperty("poll.interval.ms", "50");
        p.setProperty("max.batch.size", "2048");
        p.setProperty("max.queue.size", "8192");
        // retriable errors of a running task (database gone) are retried for ever, with backoff
        p.setProperty("errors.max.retries", "-1");
        p.setProperty("errors.retry.delay.initial.ms", "500");
        p.setProperty("errors.retry.delay.max.ms", "10000");
        if (src.kind().binlog()) {
            binlogProperties(src, offsetsDir, p);
        } else {
            postgresProperties(src, p);
        }
        return p;
    }

    private static void requireDebeziumKind(Source src) {
        if (src.kind().connectorClass() == null) {
            throw new IllegalArgumentException("source " + src.name() + " is " + src.kind()
                    + ": captured by MariaDbBinlogCapture (SourceCapture.start), not by a Debezium engine");
        }
    }

    private static void postgresProperties(Source src, Properties p) {
        String slot = "cobranza_" + src.name().replaceAll("[^a-zA-Z0-9]", "_").toLowerCase();
        p.setProperty("database.dbname", src.database());
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", slot);
        p.setProperty("publication.name", slot);
        p.setProperty("publication.autocreate.mode", "filtered");
    }

    private static void binlogProperties(Source src, Path offsetsDir, Properties p) {
        // the connector joins the server as a replica: its id must differ from the server's and other replicas'
        p.setProperty("database.server.id", Long.toString(replicaServerId(src.name())));
        p.setProperty("database.include.list", src.database());
        p.setProperty("schema.history.internal", "io.debezium.storage.file.history.FileSchemaHistory");
        p.setProperty("schema.history.internal.file.filename",
                offsetsDir.resolve(src.name() + ".schema-history").toString());
        p.setProperty("schema.history.internal.store.only.captured.databases.ddl", "true");
        // schema changes would go to topic raw.<source>, which is not raw.<source>.<schema>.<table>
        p.setProperty("include.schema.changes", "false");
        // BOOLEAN is TINYINT(1) in MariaDB and MySQL: emit true/false, as PostgreSQL's boolean is
        p.setProperty("converters", "boolean");
        p.setProperty("boolean.type", "io.debezium.connector.binlog.converters.TinyIntOneToBooleanConverter");
        // a dropped binlog connection (server restarted) is noticed and re-opened within seconds, not a minute
        p.setProperty("connect.keep.alive.interval.ms", "5000");
        p.setProperty("connect.timeout.ms", "10000");
    }

    /** A stable replica id for a source, 100000..999999: far from a server's usual small {@code server_id}. */
    public static long replicaServerId(String sourceName) {
        return 100_000L + Math.floorMod(sourceName.hashCode(), 900_000);
    }

    private void handleBatch(List<ChangeEvent<String, String>> records,
                             DebeziumEngine.RecordCommitter<ChangeEvent<String, String>> committer)
            throws InterruptedException {
        List<Future<?>> sends = new ArrayList<>(records.size());
        int changes = 0;
        for (ChangeEvent<String, String> r : records) {
            if (r.value() == null) {
                continue; // tombstones are off; nothing else is null
            }
            sends.add(producer.send(new ProducerRecord<>(r.destination(), r.key(), r.value())));
            if (!r.destination().startsWith(HEARTBEAT_TOPIC_PREFIX)) {
                changes++;
            }
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
        captured.addAndGet(changes);
    }

    @Override
    public String source() {
        return source;
    }

    /** Change events (not heartbeats) captured and acknowledged by Kafka since start. */
    @Override
    public long captured() {
        return captured.get();
    }

    /** The error that stopped the engine, or null. */
    @Override
    public Throwable failure() {
        return failure.get();
    }

    @Override
    public boolean failed() {
        return failure.get() != null;
    }

    /** {@code FAILED}, {@code CLOSED} or {@code RUNNING} (the engine retries lost connections itself). */
    @Override
    public String state() {
        return failed() ? "FAILED" : closed ? "CLOSED" : "RUNNING";
    }

    @Override
    public synchronized void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        try {
            engine.close();
        } catch (IllegalStateException alreadyStopped) {
            // the engine stopped by itself (it failed): nothing to stop, the executor and producer still are
        }
        executor.shutdown();
        if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
            LOG.warn("capture of {} did not stop in 30 s", source);
        }
        producer.close(Duration.ofSeconds(10));
    }

}
