package cl.cobranza.connectors.kafka;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) with its log in a folder that
 * survives restarts: the local stack's and the tests' Kafka. It runs in this JVM, or with
 * {@link #startProcess} in a child JVM of its own, which can then be killed like a real broker ({@link #kill}).
 */
public final class KafkaBroker implements AutoCloseable {
    /** Printed by {@link #main} once the broker answers. */
    static final String READY = "cobranza-kafka-ready";
    /** The in-JVM server, or null when the broker is a child process. */
    private final KafkaRaftServer server;
    /** The child JVM running the broker, or null when it runs in this JVM. */
    private final Process process;
    private final String bootstrapServers;
    private volatile boolean closed;

    private KafkaBroker(KafkaRaftServer server, Process process, String bootstrapServers) {
        this.server = server;
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Starts the broker in a child JVM (same classpath, 512 MiB heap) and waits until it answers; its output
     * goes to {@code kafka-process.log} beside the log folder. Stopped by {@link #close} (SIGTERM, a clean
     * shutdown) or {@link #kill} (SIGKILL, as a crash).
     */
    public static KafkaBroker startProcess(Path logDir, int port, int controllerPort, int defaultPartitions) throws Exception {
        Files.createDirectories(logDir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx512m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                KafkaBroker.class.getName(), logDir.toAbsolutePath().toString(), Integer.toString(port),
                Integer.toString(controllerPort), Integer.toString(defaultPartitions))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logDir.resolveSibling("kafka-process.log").toFile()))
                .start();
        KafkaBroker broker = new KafkaBroker(null, process, "127.0.0.1:" + port);
        try {
            broker.awaitReady(Duration.ofSeconds(90));
        } catch (RuntimeException | InterruptedException e) {
            broker.kill();
            throw e;
        }
        return broker;
    }

    /** The child-process broker: {@code <log dir> <port> <controller port> <partitions>}; runs until terminated. */
    public static void main(String[] args) throws Exception {
        KafkaBroker broker = start(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-broker-stop"));
        System.out.println(READY);
        System.out.flush();
        Thread.currentThread().join();
    }

    /**
     * Kills a child-process broker with SIGKILL, as a crash or an OOM killer would: no clean shutdown, the
     * next start recovers its log. Only for a broker started with {@link #startProcess}.
     */
    public synchronized void kill() throws InterruptedException {
        if (process == null) {
            throw new IllegalStateException("a broker in this JVM cannot be killed; start it with startProcess");
        }
        closed = true;
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** The child process's id, or empty when the broker runs in this JVM. */
    public java.util.OptionalLong pid() {
        return process == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(process.pid());
    }

    /** Formats the folder on first use, starts the broker and waits until it answers. */
    public static KafkaBroker start(Path logDir, int port, int controllerPort, int defaultPartitions) throws Exception {
        Files.createDirectories(logDir);
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        p.put("num.partitions", Integer.toString(defaultPartitions));
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4"); // 50 by default: slow to create on 2 cores
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "true");
        p.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
        p.put("log.retention.hours", "168");
        KafkaConfig config = KafkaConfig.fromProps(p, false);

        if (!Files.exists(logDir.resolve("meta.properties"))) {
            new Formatter()
                    .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                    .setNodeId(1)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(java.util.List.of(logDir.toAbsolutePath().toString()))
                    .setMetadataLogDirectory(logDir.toAbsolutePath().toString())
                    .setControllerListenerName("CONTROLLER")
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setIgnoreFormatted(true)
                    .run();
        }
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        KafkaBroker broker = new KafkaBroker(server, null, "127.0.0.1:" + port);
        broker.awaitReady(Duration.ofSeconds(60));
        return broker;
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("Kafka broker process exited with " + process.exitValue()
                        + " before answering at " + bootstrapServers + " (see kafka-process.log)");
            }
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
                if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Kafka broker at " + bootstrapServers + " did not become ready in " + timeout, last);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            return;
        }
        server.shutdown();
        server.awaitShutdown();
    }
}
