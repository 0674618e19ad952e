package cl.cobranza.streaming;

import cl.cobranza.core.events.DebtorChanged;
import cl.cobranza.core.kpi.CohortRecovery;
import cl.cobranza.core.kpi.DailyKpis;
import cl.cobranza.core.kpi.MonthlyKpis;
import cl.cobranza.core.normalize.SourceNormalizer;
import cl.cobranza.core.normalize.profile.MappingProfile;
import cl.cobranza.core.state.InvoiceSnapshot;
import cl.cobranza.streaming.clickhouse.ClickHouseSink;
import cl.cobranza.streaming.kafka.DeadLetter;
import cl.cobranza.streaming.kafka.DeadLetterSerializer;
import cl.cobranza.streaming.kafka.RawRecord;
import cl.cobranza.streaming.kafka.RawRecordDeserializer;
import cl.cobranza.streaming.receivables.ReceivablesJob;
import cl.cobranza.streaming.receivables.TermsBook;
import cl.cobranza.warehouse.RejectedRow;
import cl.cobranza.warehouse.WarehouseSettings;
import cl.cobranza.core.risk.RiskModel;
import cl.cobranza.warehouse.DebtorRisk;
import cl.cobranza.warehouse.WarehouseWriter;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs the receivables job on a Flink MiniCluster in this JVM against a real Kafka and ClickHouse,
 * resuming from the newest savepoint or retained checkpoint under its folder, and stopping with a
 * savepoint so that the next start resumes exactly where this one stopped.
 */
public final class LocalJobRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalJobRunner.class);
    /** Raw CDC topics: raw.<source>.<schema>.<table>. */
    public static final Pattern RAW_TOPICS = Pattern.compile("raw\\.[^.]+\\.[^.]+\\.[^.]+");
    public static final String DEAD_LETTER_TOPIC = "cobranza.dlq";

    /**
     * The shape of the job's state. When it changes (operators added or re-keyed), a snapshot of the old
     * shape cannot seed the new operators, so the job starts over from the beginning of the raw topics
     * (under a new consumer group) and rebuilds every row; the warehouse tables converge by version.
     * Also raised when rows must be rewritten from the facts: 3 writes every invoice's activity (V005), 4 every
     * debtor's risk (V006).
     */
    public static final int STATE_VERSION = 4;

    private final JobClient job;
    private final Path savepointDir;
    private final Optional<Path> restoredFrom;
    /** The MiniCluster's REST endpoint (job status, exceptions, checkpoints), on loopback. */
    private final java.net.URI rest;
    private volatile boolean closed;

    /**
     * What the job is wired to, in either mode: Kafka, the warehouse writer, the business zone and terms, the
     * orphan wait, each source's mapping profile and the risk model. {@link #buildJob} turns it into the job.
     */
    public record JobSettings(String bootstrapServers, WarehouseSettings warehouse, ZoneId zone, TermsBook terms,
                              Duration orphanWait, Map<String, String> profileBySource, RiskModel riskModel) {
    }

    /** Local-mode settings: folder, Kafka, warehouse writer, parallelism, checkpoint interval, risk model. */
    public record Settings(Path dir, String bootstrapServers, WarehouseSettings warehouse, int parallelism,
                           Duration checkpointInterval, ZoneId zone, TermsBook terms, Duration orphanWait,
                           Map<String, String> profileBySource, RiskModel riskModel) {
        /** Settings scoring with the bundled risk model. */
        public Settings(Path dir, String bootstrapServers, WarehouseSettings warehouse, int parallelism,
                        Duration checkpointInterval, ZoneId zone, TermsBook terms, Duration orphanWait,
                        Map<String, String> profileBySource) {
            this(dir, bootstrapServers, warehouse, parallelism, checkpointInterval, zone, terms, orphanWait,
                    profileBySource, RiskModel.bundled());
        }

        /** The wiring part of these settings (what a cluster run also needs). */
        public JobSettings job() {
            return new JobSettings(bootstrapServers, warehouse, zone, terms, orphanWait, profileBySource, riskModel);
        }
    }

    private LocalJobRunner(JobClient job, Path savepointDir, Optional<Path> restoredFrom, java.net.URI rest) {
        this.rest = rest;
        this.job = job;
        this.savepointDir = savepointDir;
        this.restoredFrom = restoredFrom;
    }

    public static LocalJobRunner start(Settings s) throws Exception {
        Path checkpoints = s.dir().resolve("checkpoints").toAbsolutePath();
        Path savepoints = s.dir().resolve("savepoints").toAbsolutePath();
        retireOlderState(s.dir(), checkpoints, savepoints);
        Files.createDirectories(checkpoints);
        Files.createDirectories(savepoints);
        Optional<Path> restore = newestSnapshot(checkpoints, savepoints);

        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        conf.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, savepoints.toUri().toString());
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, s.checkpointInterval());
        conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 2);
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        // small managed/network memory: the whole local stack must stay well under 4 GiB RSS
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(64));
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.ofMebiBytes(64));
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.ofMebiBytes(64));
        conf.setString("rest.bind-address", "127.0.0.1");
        // a known port, so that the job's health (failures, checkpoints) can be read over REST, as on a cluster
        int restPort = freePort();
        conf.set(RestOptions.BIND_PORT, Integer.toString(restPort));
        conf.set(RestOptions.PORT, restPort);
        restore.ifPresent(p -> conf.set(StateRecoveryOptions.SAVEPOINT_PATH, p.toUri().toString()));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(s.parallelism(), conf);
        buildJob(s).build(env);
        JobClient client = env.executeAsync("cobranza-receivables");
        restore.ifPresent(p -> LOG.info("receivables job resumed from {}", p));
        return new LocalJobRunner(client, savepoints, restore, java.net.URI.create("http://127.0.0.1:" + restPort));
    }

    /** The job wired to the real Kafka topics and ClickHouse tables. */
    public static ReceivablesJob buildJob(Settings s) {
        return buildJob(s.job());
    }

    /**
     * The job wired to the real Kafka topics and ClickHouse tables: the one builder of both modes (the local
     * MiniCluster here, {@link ClusterJob} on a Flink cluster).
     */
    public static ReceivablesJob buildJob(JobSettings s) {
        KafkaSource<RawRecord> source = KafkaSource.<RawRecord>builder()
                .setBootstrapServers(s.bootstrapServers())
                .setTopicPattern(RAW_TOPICS)
                .setGroupId("cobranza-kpis-v" + STATE_VERSION)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new RawRecordDeserializer())
                // raw topics appear when a source first captures a table: find them within a second
                .setProperty("partition.discovery.interval.ms", "1000")
                .setProperty("commit.offsets.on.checkpoint", "true")
                .build();
        KafkaSink<DeadLetter> deadLetters = KafkaSink.<DeadLetter>builder()
                .setBootstrapServers(s.bootstrapServers())
                .setRecordSerializer(new DeadLetterSerializer(DEAD_LETTER_TOPIC))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
        // 300 ms batches keep freshness under a second while bounding ClickHouse parts; 20k rows bound a batch under load
        ReceivablesJob.Sinks sinks = new ReceivablesJob.Sinks(
                new ClickHouseSink<InvoiceSnapshot>(s.warehouse(), r -> r.clientId() + '\u0000' + r.invoiceId(),
                        WarehouseWriter::writeInvoices, 20_000, 300),
                new ClickHouseSink<DailyKpis>(s.warehouse(), r -> r.clientId() + '\u0000' + r.day(),
                        WarehouseWriter::writeDaily, 20_000, 300),
                new ClickHouseSink<MonthlyKpis>(s.warehouse(), r -> r.clientId() + '\u0000' + r.month(),
                        WarehouseWriter::writeMonthly, 20_000, 300),
                new ClickHouseSink<CohortRecovery>(s.warehouse(), r -> r.clientId() + '\u0000' + r.cohort(),
                        WarehouseWriter::writeCohorts, 20_000, 300),
                // versions are source positions: keep every version in the batch, the table keeps the newest
                new ClickHouseSink<DebtorChanged>(s.warehouse(),
                        r -> r.clientId() + '\u0000' + r.debtorId() + '\u0000' + r.sourcePosition(),
                        WarehouseWriter::writeDebtors, 20_000, 300),
                new ClickHouseSink<DebtorRisk>(s.warehouse(), r -> r.clientId() + '\u0000' + r.debtorId(),
                        WarehouseWriter::writeDebtorRisk, 20_000, 300),
                deadLetters,
                new ClickHouseSink<DeadLetter>(s.warehouse(), r -> r.topic + '\u0000' + r.partition + '\u0000' + r.offset,
                        LocalJobRunner::writeDeadLetters, 20_000, 300));
        // each ERP source read with its mapping profile; sources added later (tests) default to the demo ERP's
        Map<String, MappingProfile> profiles = new HashMap<>();
        Map<String, MappingProfile> bySource = new HashMap<>();
        s.profileBySource().forEach((erp, name) -> bySource.put(erp, profiles.computeIfAbsent(name, MappingProfile::load)));
        SourceNormalizer normalizer = new SourceNormalizer(bySource,
                profiles.computeIfAbsent(SourceNormalizer.DEMO_PROFILE, MappingProfile::load));
        return new ReceivablesJob(source, normalizer, sinks, s.zone(), s.terms(), s.orphanWait(), s.riskModel());
    }

    private static void writeDeadLetters(WarehouseWriter writer, java.util.List<DeadLetter> rows) {
        writer.writeDeadLetters(rows.stream().map(d -> new RejectedRow(d.clientId, d.topic, d.partition, d.offset, d.key,
                d.table, d.field, d.reason, d.value, d.rejectedAtMillis)).toList());
    }

    /** Moves snapshots of another state version aside (kept for inspection, never restored). */
    static void retireOlderState(Path dir, Path checkpoints, Path savepoints) throws IOException {
        Files.createDirectories(dir);
        Path marker = dir.resolve("state-version");
        String current = Integer.toString(STATE_VERSION);
        String found = Files.exists(marker) ? Files.readString(marker).trim()
                : (Files.exists(checkpoints) || Files.exists(savepoints) ? "1" : current);
        if (!found.equals(current)) {
            Path attic = dir.resolve("retired-state-v" + found + "-" + System.currentTimeMillis());
            Files.createDirectories(attic);
            for (Path p : new Path[] {checkpoints, savepoints}) {
                if (Files.exists(p)) {
                    Files.move(p, attic.resolve(p.getFileName()));
                }
            }
            LOG.warn("job state version {} found, this build uses {}: starting over from the raw topics (old snapshots in {})",
                    found, current, attic);
        }
        Files.writeString(marker, current);
    }

    /** The newest completed savepoint or checkpoint (a folder with a {@code _metadata} file). */
    static Optional<Path> newestSnapshot(Path... roots) throws IOException {
        Path best = null;
        long bestTime = Long.MIN_VALUE;
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root, 3)) {
                for (Path meta : (Iterable<Path>) files.filter(f -> f.getFileName().toString().equals("_metadata"))::iterator) {
                    long t = Files.getLastModifiedTime(meta).toMillis();
                    if (t > bestTime) {
                        bestTime = t;
                        best = meta.getParent();
                    }
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The MiniCluster's REST endpoint, e.g. {@code GET /jobs/<id>/exceptions}. */
    public java.net.URI restUrl() {
        return rest;
    }

    /**
     * How many times the running job has failed (each failure restarts it from its last checkpoint), from
     * Flink's exception history: 0 while every bad record was dead-lettered instead of thrown.
     */
    public int failures() throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(rest.resolve("/jobs/" + job.getJobID() + "/exceptions?maxExceptions=1000")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("Flink REST answered " + r.statusCode() + ": " + r.body());
        }
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).path("exceptionHistory")
                .path("entries").size();
    }

    public Optional<Path> restoredFrom() {
        return restoredFrom;
    }

    public JobStatus status() throws Exception {
        return job.getJobStatus().get(5, TimeUnit.SECONDS);
    }

    /** Waits until the job runs (all tasks deployed is not observable here; RUNNING is close enough). */
    public void awaitRunning(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JobStatus st = status();
            if (st == JobStatus.RUNNING) {
                return;
            }
            if (st.isGloballyTerminalState()) {
                throw new IllegalStateException("receivables job ended with status " + st);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("receivables job not running after " + timeout);
    }

    /**
     * Stops the job the hard way, as a crash would: no savepoint, in-flight state lost; the next start
     * resumes from the last completed checkpoint (retained on cancellation) and replays from its offsets.
     */
    public synchronized void kill() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        job.cancel().get(30, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                if (status().isGloballyTerminalState()) {
                    return;
                }
            } catch (Exception e) {
                return; // the job's MiniCluster shuts down with the job: nothing left to ask
            }
            Thread.sleep(50);
        }
    }

    /** Stops with a savepoint (so the next start resumes exactly); falls back to cancel, keeping the last checkpoint. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            String path = job.stopWithSavepoint(false, savepointDir.toUri().toString(), SavepointFormatType.CANONICAL)
                    .get(60, TimeUnit.SECONDS);
            LOG.info("receivables job stopped with savepoint {}", path);
            pruneSavepoints(path);
        } catch (Exception e) {
            LOG.warn("stop with savepoint failed ({}); cancelling, the next start resumes from the last checkpoint",
                    e.toString());
            try {
                job.cancel().get(30, TimeUnit.SECONDS);
            } catch (Exception ex) {
                LOG.warn("cancel failed: {}", ex.toString());
            }
        }
    }

    /** Keeps only the savepoint just taken: older ones would never be chosen again. */
    private void pruneSavepoints(String keep) {
        Path kept = Path.of(java.net.URI.create(keep.startsWith("file:") ? keep : "file:" + keep));
        try (Stream<Path> dirs = Files.list(savepointDir)) {
            dirs.filter(d -> !d.equals(kept)).forEach(LocalJobRunner::deleteTree);
        } catch (IOException e) {
            LOG.debug("could not prune savepoints: {}", e.toString());
        }
    }

    private static void deleteTree(Path p) {
        try (Stream<Path> walk = Files.walk(p)) {
            walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a leftover old savepoint is only disk space
        }
    }
}
