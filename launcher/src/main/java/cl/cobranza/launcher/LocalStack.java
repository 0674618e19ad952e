package cl.cobranza.launcher;

import cl.cobranza.api.CobranzaApi;
import cl.cobranza.connectors.debezium.DebeziumCapture;
import cl.cobranza.connectors.debezium.RetryingCapture;
import cl.cobranza.connectors.debezium.SourceCapture;
import cl.cobranza.connectors.demo.DemoClient;
import cl.cobranza.connectors.demo.DemoDataGenerator;
import cl.cobranza.connectors.demo.DemoErp;
import cl.cobranza.connectors.demo.PlatformDb;
import cl.cobranza.connectors.kafka.KafkaBroker;
import cl.cobranza.connectors.postgres.PostgresServer;
import cl.cobranza.streaming.LocalJobRunner;
import cl.cobranza.streaming.receivables.TermsBook;
import cl.cobranza.warehouse.ClickHouseServer;
import cl.cobranza.warehouse.ClientInfo;
import cl.cobranza.warehouse.Migrations;
import cl.cobranza.warehouse.Warehouse;
import cl.cobranza.warehouse.WarehouseSettings;
import cl.cobranza.core.risk.RiskModel;
import cl.cobranza.warehouse.WarehouseWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole platform on one machine: PostgreSQL with the demo ERPs, a Kafka broker, one Debezium engine
 * per ERP, the Flink job on a MiniCluster, a ClickHouse server and the API. Starts each in order, says
 * when each is ready, and stops them in reverse order.
 */
public final class LocalStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

    private final StackConfig config;
    private final PrintStream out;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    /** The mapping profile of each ERP source, by source (client) id. */
    private final Map<String, String> profiles = new LinkedHashMap<>();
    private final Map<String, DemoClient> clients = new LinkedHashMap<>();
    /** The clients whose ERP is a demo database on the local PostgreSQL: the only ones the generator writes to. */
    private final List<DemoClient> demoClients = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, SourceCapture> captures = new LinkedHashMap<>();
    /** Captures whose health is reported to the warehouse. */
    private final List<SourceHealthReporter.Watched> watched = new java.util.concurrent.CopyOnWriteArrayList<>();
    private PostgresServer postgres;
    /** The stack's own ClickHouse server, or null when {@code cobranza.clickhouse.url} names an external one. */
    private ClickHouseServer clickhouse;
    private KafkaBroker kafka;
    private WarehouseSettings writer;
    private WarehouseSettings reader;
    private LocalJobRunner job;
    private DemoDataGenerator generator;
    private ConfigurableApplicationContext api;
    /** How the API is stopped: its entry in {@link #started}. */
    private AutoCloseable apiCloser;
    private long startNanos;

    private LocalStack(StackConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    /** Starts everything with the given demo clients; on failure stops what had started and rethrows. */
    public static LocalStack start(StackConfig config, List<DemoClient> demoClients, PrintStream out) throws Exception {
        List<SourcesFile.Source> sources = new ArrayList<>();
        for (DemoClient c : demoClients) {
            sources.add(new SourcesFile.Source(c.clientId(), c.name(), c.rut(), SourcesFile.Kind.POSTGRESQL, "127.0.0.1",
                    null, c.database(), PostgresServer.SUPERUSER, "postgres", "demo-erp", List.of(), true));
        }
        return startSources(config, sources, out);
    }

    /** Starts everything with the sources of a sources file; on failure stops what had started and rethrows. */
    public static LocalStack startSources(StackConfig config, List<SourcesFile.Source> sources, PrintStream out)
            throws Exception {
        LocalStack stack = new LocalStack(config, out);
        try {
            stack.startAll(sources);
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(List<SourcesFile.Source> sources) throws Exception {
        for (SourcesFile.Source s : sources) {
            profiles.put(s.client(), s.profile());
        }
        profiles.putAll(StackConfig.pairs("cobranza.capture.profiles", config.get("cobranza.capture.profiles")));
        startNanos = System.nanoTime();
        Path dir = config.dataDir();
        Files.createDirectories(dir);
        ZoneId zone = ZoneId.of(config.get("cobranza.timezone"));

        step("ClickHouse", () -> {
            String external = config.get("cobranza.clickhouse.url");
            String db = config.get("cobranza.clickhouse.database");
            if (external.isEmpty()) {
                String binary = config.get("cobranza.clickhouse.binary");
                ClickHouseServer ch = ClickHouseServer.start(new ClickHouseServer.Config(dir.resolve("clickhouse"),
                        config.getInt("cobranza.clickhouse.http-port"), config.getInt("cobranza.clickhouse.tcp-port"), db,
                        config.get("cobranza.clickhouse.writer-user"), config.get("cobranza.clickhouse.writer-password"),
                        config.get("cobranza.clickhouse.reader-user"), config.get("cobranza.clickhouse.reader-password"),
                        binary.isEmpty() ? null : Path.of(binary)));
                started.push(ch);
                clickhouse = ch;
                writer = ch.writerSettings();
                reader = ch.readerSettings();
            } else {
                writer = new WarehouseSettings(external, db, config.get("cobranza.clickhouse.writer-user"),
                        config.get("cobranza.clickhouse.writer-password"));
                reader = new WarehouseSettings(external, db, config.get("cobranza.clickhouse.reader-user"),
                        config.get("cobranza.clickhouse.reader-password"));
            }
            List<String> applied = Migrations.migrate(writer);
            return writer.url() + (applied.isEmpty() ? ", schema current" : ", migrations applied: " + applied);
        });
        step("PostgreSQL", () -> {
            postgres = PostgresServer.start(dir.resolve("postgres"), config.getInt("cobranza.postgres.port"));
            started.push(postgres);
            return "127.0.0.1:" + postgres.port();
        });
        step("Kafka", () -> {
            startKafka();
            return kafka.bootstrapServers() + " (KRaft" + kafka.pid().stream().mapToObj(p -> ", own process " + p)
                    .findFirst().orElse("") + ")";
        });
        step("Platform DB + Debezium", () -> {
            PlatformDb.install(postgres);
            SourceCapture capture = RetryingCapture.start(DebeziumCapture.Source.postgres(PlatformDb.SOURCE, "127.0.0.1",
                    postgres.port(), PlatformDb.DATABASE, PostgresServer.SUPERUSER, "postgres", PlatformDb.TABLES),
                    config.dataDir().resolve("debezium"), kafka.bootstrapServers(), Duration.ofSeconds(30));
            started.push(capture);
            watched.add(new SourceHealthReporter.Watched(null, "POSTGRESQL", capture, true));
            return "collection actions and promises captured from " + PlatformDb.DATABASE;
        });
        step("ERPs + Debezium", () -> {
            for (SourcesFile.Source s : sources) {
                addSource(s);
            }
            SourceHealthReporter health = new SourceHealthReporter(() -> List.copyOf(watched), postgres, writer,
                    Clock.systemUTC(), config.getInt("cobranza.capture.health-report-ms"));
            started.push(health);
            return clients.size() + " client ERP databases captured: " + String.join(", ", clients.keySet());
        });
        step("Flink", () -> {
            startJob();
            return "receivables job running" + job.restoredFrom().map(p -> ", resumed from " + dir.relativize(p)).orElse("");
        });
        step("API", () -> {
            startApi();
            return apiUrl();
        });
        double rate = config.getDouble("cobranza.generator.rate");
        step("Demo generator", () -> {
            // only demo ERPs get generated data; real sources of a sources file are only captured
            double effective = demoClients.isEmpty() ? 0 : rate;
            generator = new DemoDataGenerator(postgres, new ArrayList<>(demoClients), effective,
                    Long.parseLong(config.get("cobranza.generator.seed")), Clock.system(zone), true);
            started.push(generator);
            generator.start();
            return effective > 0 ? effective + " changes/s across the demo ERPs" : "off";
        });
    }

    /** Starts the API on the stack's port, reading the warehouse as the read-only user. */
    private void startApi() {
        Map<String, Object> props = apiProperties(config, reader, postgres, clients.keySet());
        api = CobranzaApi.start(props);
        apiCloser = api::close;
        started.push(apiCloser);
    }

    /**
     * The API's settings for a stack: its port, the warehouse's read-only user, the platform database, the
     * demo users over {@code clients} and the KPI, policy and Chile settings of {@code config}.
     */
    static Map<String, Object> apiProperties(StackConfig config, WarehouseSettings reader, PostgresServer postgres,
                                             java.util.Collection<String> clients) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("server.port", config.get("cobranza.api.port"));
        props.put("server.address", "127.0.0.1");
        props.put("cobranza.clickhouse.url", reader.url());
        props.put("cobranza.clickhouse.database", reader.database());
        props.put("cobranza.clickhouse.user", reader.user());
        props.put("cobranza.clickhouse.password", reader.password());
        props.put("cobranza.kpi.aging-edges", config.get("cobranza.kpi.aging-edges"));
        groups(config.get("cobranza.groups")).forEach((id, members) -> props.put("cobranza.groups." + id, members));
        props.put("cobranza.demo.user", config.get("cobranza.demo.user"));
        props.put("cobranza.demo.password", config.get("cobranza.demo.password"));
        // an owner, an account manager and a collector over the stack's clients (created once, kept after)
        props.put("cobranza.demo.clients", String.join(",", clients));
        props.put("cobranza.risk.model-file", config.get("cobranza.risk.model-file"));
        props.put("cobranza.chile.holidays-file", config.get("cobranza.chile.holidays-file"));
        props.put("cobranza.chile.uf-file", config.get("cobranza.chile.uf-file"));
        props.put("cobranza.audit.retention-days", config.get("cobranza.audit.retention-days"));
        for (String k : List.of("preventive-days", "legal-min-days", "legal-min-open-clp")) {
            props.put("cobranza.policy." + k, config.get("cobranza.policy." + k));
        }
        props.put("spring.datasource.url", postgres.jdbcUrl(PlatformDb.DATABASE));
        props.put("spring.datasource.username", PostgresServer.SUPERUSER);
        props.put("spring.datasource.password", postgres.password());
        props.put("cobranza.timezone", config.get("cobranza.timezone"));
        return props;
    }

    private void startKafka() throws Exception {
        java.nio.file.Path dir = config.dataDir().resolve("kafka");
        int port = config.getInt("cobranza.kafka.port");
        int controller = config.getInt("cobranza.kafka.controller-port");
        int partitions = config.getInt("cobranza.kafka.partitions");
        // a broker of its own process can be killed (SIGKILL) by the fault tests; in this JVM it starts faster
        kafka = config.getBoolean("cobranza.kafka.separate-process")
                ? KafkaBroker.startProcess(dir, port, controller, partitions) : KafkaBroker.start(dir, port, controller, partitions);
        started.push(kafka);
    }

    /**
     * Fault injection: kills the Kafka broker with SIGKILL (it must run as its own process,
     * {@code cobranza.kafka.separate-process=true}), waits {@code down}, and starts it again on its log folder and
     * ports; captures and the job reconnect by themselves. Returns the seconds until the broker answered again.
     */
    public synchronized double killAndRestartKafka(Duration down) throws Exception {
        kafka.kill();
        started.remove(kafka);
        Thread.sleep(down.toMillis());
        long t0 = System.nanoTime();
        startKafka();
        return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * Fault injection: kills the stack's ClickHouse server with SIGKILL, waits {@code down}, and starts it again
     * on its folder; the job's sinks fail meanwhile and the job restarts from its last checkpoint until the server
     * answers. Returns the seconds until the server answered again.
     */
    public synchronized double killAndRestartClickHouse(Duration down) throws Exception {
        if (clickhouse == null) {
            throw new IllegalStateException("the stack uses an external ClickHouse (cobranza.clickhouse.url)");
        }
        clickhouse.kill();
        started.remove(clickhouse);
        Thread.sleep(down.toMillis());
        long t0 = System.nanoTime();
        clickhouse = ClickHouseServer.start(clickhouse.config());
        started.push(clickhouse);
        return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * Fault injection: stops the API abruptly (its web server and context closed, open requests cut) and starts a
     * new one on the same port. Returns the seconds until it was serving again.
     */
    public synchronized double restartApi() {
        api.close();
        started.remove(apiCloser);
        long t0 = System.nanoTime();
        startApi();
        return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * Fault injection: a client's Debezium engine crashes as with kill -9: it stops without its last offsets
     * (the offsets file is put back as it stood {@code lostWindow} ago, as an engine killed between two offset
     * flushes leaves it), then a new engine starts from those offsets and re-sends what followed. Returns the
     * seconds until the new engine was capturing.
     */
    public synchronized double crashCapture(String clientId, Duration lostWindow) throws Exception {
        SourceCapture old = captures.get(clientId);
        DemoClient c = clients.get(clientId);
        if (old == null || c == null || !demoClients.contains(c)) {
            throw new IllegalArgumentException("no demo capture for client " + clientId);
        }
        java.nio.file.Path offsets = config.dataDir().resolve("debezium").resolve(clientId + ".offsets");
        byte[] earlier = Files.exists(offsets) ? Files.readAllBytes(offsets) : null;
        Thread.sleep(lostWindow.toMillis());
        old.close();
        started.remove(old);
        watched.removeIf(w -> w.capture() == old);
        if (earlier != null) {
            Files.write(offsets, earlier);
        }
        long t0 = System.nanoTime();
        startCapture(c);
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The risk model the job scores with: {@code cobranza.risk.model-file} when set, else the bundled one. */
    private RiskModel riskModel() {
        String file = config.get("cobranza.risk.model-file");
        return file.isBlank() ? RiskModel.bundled() : RiskModel.load(Path.of(file));
    }

    /** Starts the Flink job (resuming from the newest snapshot) and waits until it runs. */
    private void startJob() throws Exception {
        job = LocalJobRunner.start(new LocalJobRunner.Settings(config.dataDir().resolve("flink"), kafka.bootstrapServers(), writer,
                config.getInt("cobranza.flink.parallelism"),
                Duration.ofMillis(config.getInt("cobranza.flink.checkpoint-interval-ms")), ZoneId.of(config.get("cobranza.timezone")), terms(),
                Duration.ofSeconds(config.getInt("cobranza.capture.orphan-wait-seconds")), profiles, riskModel()));
        started.push(job);
        job.awaitRunning(Duration.ofSeconds(60));
    }

    /**
     * Kills the Flink job as a crash would (no savepoint) and starts it again from its last checkpoint;
     * returns the checkpoint it resumed from. For fault tests: the rest of the stack keeps running.
     */
    public synchronized Path killAndRestoreJob() throws Exception {
        job.kill();
        started.remove(job);
        startJob();
        return job.restoredFrom().orElseThrow(() -> new IllegalStateException("the job restarted without a checkpoint"));
    }

    /**
     * Adds a source of the sources file: a demo source becomes a demo client (database created and seeded on
     * the local PostgreSQL); any other is captured where it is, with the tables its profile reads.
     */
    public synchronized void addSource(SourcesFile.Source s) throws Exception {
        if (s.demo()) {
            addClient(s.demoClient());
            return;
        }
        if (clients.containsKey(s.client())) {
            return;
        }
        List<String> tables = s.tables().isEmpty() ? SourcesFile.profileTables(s) : s.tables();
        try (Warehouse w = new Warehouse(writer)) {
            new WarehouseWriter(w).upsertClients(List.of(new ClientInfo(s.client(), s.name(), s.rut())));
        }
        DebeziumCapture.Kind kind = s.kind() == SourcesFile.Kind.MARIADB ? DebeziumCapture.Kind.MARIADB
                : s.kind() == SourcesFile.Kind.MYSQL ? DebeziumCapture.Kind.MYSQL : DebeziumCapture.Kind.POSTGRES;
        // supervised: a source that cannot be captured is retried in the background (state RETRYING, with its
        // error in source_status); the other sources keep flowing
        SourceCapture capture = RetryingCapture.start(new DebeziumCapture.Source(kind, s.client(), s.host(),
                s.port() == null ? postgres.port() : s.port(), s.database(), s.user(), s.password(), tables),
                config.dataDir().resolve("debezium"), kafka.bootstrapServers(), Duration.ofSeconds(30));
        started.push(capture);
        captures.put(s.client(), capture);
        watched.add(new SourceHealthReporter.Watched(s.client(), s.kind().name(), capture,
                s.kind() == SourcesFile.Kind.POSTGRESQL && s.port() != null && s.port() == postgres.port()));
        clients.put(s.client(), s.demoClient());
    }

    /** Adds a client: creates its demo ERP database (seeding it when the generator is on) and starts capturing it. */
    public synchronized void addClient(DemoClient c) throws Exception {
        if (clients.containsKey(c.clientId())) {
            return;
        }
        DemoErp.install(postgres, c);
        if (config.getDouble("cobranza.generator.rate") > 0) {
            try (DemoDataGenerator seeder = new DemoDataGenerator(postgres, List.of(c), 0,
                    Long.parseLong(config.get("cobranza.generator.seed")) ^ c.clientId().hashCode(),
                    Clock.system(ZoneId.of(config.get("cobranza.timezone"))), true)) {
                seeder.seedIfEmpty(config.getInt("cobranza.generator.seed-customers"),
                        config.getInt("cobranza.generator.seed-invoices"));
            }
        }
        try (Warehouse w = new Warehouse(writer)) {
            new WarehouseWriter(w).upsertClients(List.of(new ClientInfo(c.clientId(), c.name(), c.rut())));
        }
        startCapture(c);
        clients.put(c.clientId(), c);
        demoClients.add(c);
    }

    /** Starts capturing a demo client's ERP database (supervised: retried in the background when it fails). */
    private void startCapture(DemoClient c) throws Exception {
        SourceCapture capture = RetryingCapture.start(DebeziumCapture.Source.postgres(c.clientId(), "127.0.0.1",
                postgres.port(), c.database(), PostgresServer.SUPERUSER, "postgres", DemoErp.TABLES),
                config.dataDir().resolve("debezium"), kafka.bootstrapServers(), Duration.ofSeconds(30));
        started.push(capture);
        captures.put(c.clientId(), capture);
        watched.add(new SourceHealthReporter.Watched(c.clientId(), "POSTGRESQL", capture, true));
    }

    private interface Step {
        String run() throws Exception;
    }

    private void step(String name, Step step) throws Exception {
        long t0 = System.nanoTime();
        String detail = step.run();
        out.printf("  ✔ %-24s %5.1f s  %s%n", name, (System.nanoTime() - t0) / 1e9, detail);
        out.flush();
    }

    /** Seconds from the start call to now. */
    public double secondsSinceStart() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** The clients of this stack, in the order they were added (the demo owner belongs to the first). */
    public List<String> clientIds() {
        return List.copyOf(clients.keySet());
    }

    public String apiUrl() {
        return "http://localhost:" + config.get("cobranza.api.port");
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public WarehouseSettings warehouseWriter() {
        return writer;
    }

    public WarehouseSettings warehouseReader() {
        return reader;
    }

    /** The running Flink job (replaced by {@link #killAndRestoreJob()}). */
    public synchronized LocalJobRunner job() {
        return job;
    }

    public DemoDataGenerator generator() {
        return generator;
    }

    public Map<String, DemoClient> clients() {
        return Map.copyOf(clients);
    }

    public Map<String, SourceCapture> captures() {
        return Map.copyOf(captures);
    }

    public StackConfig config() {
        return config;
    }

    /** Stops everything started, newest first; never throws, so every component gets its turn. */
    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            AutoCloseable c = started.pop();
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", c, e.toString());
            }
        }
    }

    /** Every client's KPI terms: the defaults with the configured aging edges, grace days, fee and agent rate. */
    private TermsBook terms() {
        return TermsBook.uniform(TermsBook.parseEdges(config.get("cobranza.kpi.aging-edges")),
                config.getInt("cobranza.kpi.promise-grace-days"), config.getInt("cobranza.kpi.agent-clp-per-minute"),
                config.getInt("cobranza.kpi.agency-fee-bps"));
    }

    /** Parses {@code id:client-a,client-b;id2:client-c} into group id → comma-separated clients. */
    static Map<String, String> groups(String spec) {
        return StackConfig.pairs("cobranza.groups", spec);
    }
}
