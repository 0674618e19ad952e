package cl.cobranza.warehouse;

import cl.cobranza.core.process.ServerProcesses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A private ClickHouse server run as a child process with a configuration generated into its own
 * folder: used by the one-machine mode and by tests (no Docker here). Works with Debian's 18.16
 * {@code clickhouse-server} and with a current {@code clickhouse} binary.
 */
public final class ClickHouseServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseServer.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final Path DEBIAN_SERVER = Path.of("/usr/sbin/clickhouse-server");
    static final String INSTALL_HINT = "Install it: on Debian/Ubuntu `sudo apt-get install clickhouse-server`; "
            + "elsewhere install ClickHouse (https://clickhouse.com/docs/install) so that `clickhouse` is on the PATH. "
            + "Or set an external ClickHouse URL so that no local server is started.";

    /**
     * What to start.
     *
     * @param dataDir        folder owned by this server: generated config, data, tmp, logs and pid file
     * @param httpPort       HTTP port on 127.0.0.1 (the one client-v2 uses)
     * @param tcpPort        native-protocol port on 127.0.0.1 (unused by the platform, but the server needs one)
     * @param database       the platform's database; the reader is limited to it
     * @param writerUser     user with full access (any database, DDL), for migrations, sinks and tests
     * @param writerPassword its password (only its SHA-256 is written to disk)
     * @param readerUser     read-only user, for the API
     * @param readerPassword its password
     * @param binary         explicit server binary, or null to discover one
     */
    public record Config(Path dataDir, int httpPort, int tcpPort, String database,
                         String writerUser, String writerPassword, String readerUser, String readerPassword,
                         Path binary) {
        public Config {
            Objects.requireNonNull(dataDir, "dataDir");
            checkPort(httpPort, "httpPort");
            checkPort(tcpPort, "tcpPort");
            if (httpPort == tcpPort) {
                throw new IllegalArgumentException("httpPort and tcpPort must differ, both are " + httpPort);
            }
            Warehouse.requireIdentifier(database, "database");
            Warehouse.requireIdentifier(writerUser, "writerUser");
            Warehouse.requireIdentifier(readerUser, "readerUser");
            if (writerUser.equals(readerUser)) {
                throw new IllegalArgumentException("writer and reader must be different users, both are " + writerUser);
            }
            Objects.requireNonNull(writerPassword, "writerPassword");
            Objects.requireNonNull(readerPassword, "readerPassword");
            dataDir = dataDir.toAbsolutePath().normalize();
        }

        /**
         * A config with the platform's names ({@code cobranza}, {@code cobranza_writer},
         * {@code cobranza_reader}) and fresh random passwords: the server is private, so the passwords
         * only need to live as long as this process tells them to its clients.
         */
        public static Config local(Path dataDir, int httpPort, int tcpPort) {
            return new Config(dataDir, httpPort, tcpPort, "cobranza", "cobranza_writer", ServerProcesses.randomPassword(),
                    "cobranza_reader", ServerProcesses.randomPassword(), null);
        }

        /** The same config with an explicit server binary. */
        public Config withBinary(Path serverBinary) {
            return new Config(dataDir, httpPort, tcpPort, database, writerUser, writerPassword, readerUser,
                    readerPassword, serverBinary);
        }

        @Override
        public String toString() {
            return "Config[dataDir=" + dataDir + ", httpPort=" + httpPort + ", tcpPort=" + tcpPort + ", database="
                    + database + ", writerUser=" + writerUser + ", readerUser=" + readerUser + ", binary=" + binary + "]";
        }

        private static void checkPort(int port, String name) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(name + " must be 1..65535, got " + port);
            }
        }
    }

    private final Config config;
    private final Process process;
    private final Thread shutdownHook;
    private volatile boolean closed;

    private ClickHouseServer(Config config, Process process) {
        this.config = config;
        this.process = process;
        // If the JVM ends without close() (Ctrl-C on the launcher, a killed test run), the server must not linger.
        this.shutdownHook = new Thread(this::stopProcess, "clickhouse-server-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Generates the configuration, starts the server and returns once it answers {@code GET /ping}.
     * A server left running by a crashed previous run on the same folder is stopped first.
     *
     * @throws IllegalStateException when no binary is found (the message says how to install one), or
     *                               when the server does not become ready (with its error log's tail)
     */
    public static ClickHouseServer start(Config config) {
        List<String> command = new ArrayList<>(serverCommand(config.binary()));
        Path dir = config.dataDir();
        try {
            for (String sub : List.of("data", "tmp", "log")) {
                Files.createDirectories(dir.resolve(sub));
            }
            ServerProcesses.stopStale(pidFile(dir), dir, c -> c.contains("clickhouse"), STOP_TIMEOUT, "ClickHouse");
            Files.writeString(dir.resolve("config.xml"), configXml(config), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("users.xml"), usersXml(config), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare ClickHouse folder " + dir, e);
        }
        command.add("--config-file=" + dir.resolve("config.xml"));
        Path stdout = dir.resolve("log").resolve("stdout.log");
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(stdout.toFile()))
                    .start();
            Files.writeString(pidFile(dir), Long.toString(process.pid()), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start ClickHouse with " + command + ": " + e.getMessage(), e);
        }
        ClickHouseServer server = new ClickHouseServer(config, process);
        try {
            server.awaitReady();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        LOG.info("ClickHouse ready at {} (pid {}, folder {})", server.url(), process.pid(), dir);
        return server;
    }

    /**
     * The command that starts a server: the explicit binary if given, else {@code clickhouse-server}
     * on the PATH, else Debian's {@code /usr/sbin/clickhouse-server} (not on a non-root PATH), else
     * {@code clickhouse server} (the single binary of current releases).
     *
     * @throws IllegalStateException with installation instructions when none exists
     */
    public static List<String> serverCommand(Path explicitBinary) {
        if (explicitBinary != null) {
            if (!Files.isExecutable(explicitBinary)) {
                throw new IllegalStateException("ClickHouse binary " + explicitBinary + " does not exist or is not executable. " + INSTALL_HINT);
            }
            // the multi-call binary needs its sub-command; clickhouse-server is a link that implies it
            return explicitBinary.getFileName().toString().equals("clickhouse")
                    ? List.of(explicitBinary.toString(), "server") : List.of(explicitBinary.toString());
        }
        Optional<Path> onPath = ServerProcesses.findOnPath("clickhouse-server");
        if (onPath.isPresent()) {
            return List.of(onPath.get().toString());
        }
        if (Files.isExecutable(DEBIAN_SERVER)) {
            return List.of(DEBIAN_SERVER.toString());
        }
        Optional<Path> single = ServerProcesses.findOnPath("clickhouse");
        if (single.isPresent()) {
            return List.of(single.get().toString(), "server");
        }
        throw new IllegalStateException("No ClickHouse server found (looked for clickhouse-server on the PATH, "
                + DEBIAN_SERVER + ", clickhouse on the PATH). " + INSTALL_HINT);
    }

    /** A TCP port that was free on 127.0.0.1 a moment ago (good enough for tests and local runs). */
    public static int freePort() {
        return ServerProcesses.freePort();
    }

    /** The HTTP endpoint, e.g. {@code http://127.0.0.1:8123}. */
    public String url() {
        return "http://127.0.0.1:" + config.httpPort();
    }

    /** Connection settings of the full-access user. */
    public WarehouseSettings writerSettings() {
        return new WarehouseSettings(url(), config.database(), config.writerUser(), config.writerPassword());
    }

    /** Connection settings of the read-only user. */
    public WarehouseSettings readerSettings() {
        return new WarehouseSettings(url(), config.database(), config.readerUser(), config.readerPassword());
    }

    /** What this server was started with. */
    public Config config() {
        return config;
    }

    /** The server's process id. */
    public long pid() {
        return process.pid();
    }

    /** Whether the server process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the server: SIGTERM, up to 15 s to finish, then SIGKILL. Safe to call more than once. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or about to: it stops the same process, idempotently
        }
        stopProcess();
        try {
            Files.deleteIfExists(pidFile(config.dataDir()));
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", pidFile(config.dataDir()), e.toString());
        }
    }

    /**
     * Kills the server with SIGKILL, as a crash would (no flush, no clean shutdown); {@link #start} with the
     * same {@link #config()} brings it back on its folder. For fault tests.
     */
    public void kill() throws InterruptedException {
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook stops the same process
        }
        process.destroyForcibly();
        process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    private void stopProcess() {
        ServerProcesses.stop(process.toHandle(), STOP_TIMEOUT, "ClickHouse");
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("ClickHouse exited with code " + process.exitValue()
                        + " before it was ready (" + config + ").\n" + logTail());
            }
            try {
                last = ping(config.httpPort());
                if (last.equals("Ok.")) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString(); // not listening yet
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for ClickHouse", e);
            }
        }
        throw new IllegalStateException("ClickHouse did not answer GET " + url() + "/ping within "
                + READY_TIMEOUT.toSeconds() + " s (last: " + last + ").\n" + logTail());
    }

    /**
     * {@code GET /ping} over a plain HTTP/1.0 socket. Not java.net.http: its pooled keep-alive
     * connection would stay open, and on SIGTERM the server waits for open connections before it exits.
     */
    static String ping(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            socket.setSoTimeout(2000);
            socket.getOutputStream().write(("GET /ping HTTP/1.0\r\nHost: 127.0.0.1:" + port + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int body = response.indexOf("\r\n\r\n");
            String status = response.lines().findFirst().orElse("");
            return status.contains(" 200 ") && body >= 0 ? response.substring(body + 4).strip() : status;
        }
    }

    private String logTail() {
        Path log = config.dataDir().resolve("log");
        return "--- " + log.resolve("server.err.log") + " (tail) ---\n" + ServerProcesses.tail(log.resolve("server.err.log"), 30)
                + "\n--- " + log.resolve("stdout.log") + " (tail) ---\n" + ServerProcesses.tail(log.resolve("stdout.log"), 15);
    }

    private static Path pidFile(Path dir) {
        return dir.resolve("clickhouse.pid");
    }

    static String configXml(Config c) {
        String dir = xml(c.dataDir().toString());
        // users_config and mark_cache_size are both required by 18.16; current servers accept the same file.
        return """
                <?xml version="1.0"?>
                <!-- Generated by cobranza at every start; edits are overwritten. -->
                <yandex>
                  <logger>
                    <level>information</level>
                    <log>%1$s/log/server.log</log>
                    <errorlog>%1$s/log/server.err.log</errorlog>
                    <size>100M</size>
                    <count>3</count>
                  </logger>
                  <listen_host>127.0.0.1</listen_host>
                  <http_port>%2$d</http_port>
                  <tcp_port>%3$d</tcp_port>
                  <path>%1$s/data/</path>
                  <tmp_path>%1$s/tmp/</tmp_path>
                  <user_files_path>%1$s/data/user_files/</user_files_path>
                  <format_schema_path>%1$s/data/format_schemas/</format_schema_path>
                  <users_config>users.xml</users_config>
                  <default_profile>default</default_profile>
                  <mark_cache_size>268435456</mark_cache_size>
                  <timezone>UTC</timezone>
                  <!-- Frequent small inserts leave many outdated parts; 18.16 keeps them 8 minutes by
                       default and loads every one at start-up (thousands: 10+ s). One minute is enough. -->
                  <merge_tree><old_parts_lifetime>60</old_parts_lifetime></merge_tree>
                </yandex>
                """.formatted(dir, c.httpPort(), c.tcpPort());
    }

    static String usersXml(Config c) {
        // readonly=2, not 1: 1 also forbids changing any setting per query, and clients pass settings as
        // URL parameters (wait_end_of_query here; max_execution_time and format settings elsewhere).
        // 2 still refuses INSERT, DDL and SET readonly (checked on 18.16 in WarehouseTest).
        return """
                <?xml version="1.0"?>
                <!-- Generated by cobranza at every start; edits are overwritten. -->
                <yandex>
                  <profiles>
                    <default/>
                    <readonly>
                      <readonly>2</readonly>
                      <max_execution_time>60</max_execution_time>
                    </readonly>
                  </profiles>
                  <users>
                    <%1$s>
                      <password_sha256_hex>%2$s</password_sha256_hex>
                      <networks><ip>127.0.0.1</ip></networks>
                      <profile>default</profile>
                      <quota>default</quota>
                    </%1$s>
                    <%3$s>
                      <password_sha256_hex>%4$s</password_sha256_hex>
                      <networks><ip>127.0.0.1</ip></networks>
                      <profile>readonly</profile>
                      <quota>default</quota>
                      <allow_databases><database>%5$s</database></allow_databases>
                    </%3$s>
                  </users>
                  <quotas><default/></quotas>
                </yandex>
                """.formatted(c.writerUser(), sha256Hex(c.writerPassword()), c.readerUser(),
                sha256Hex(c.readerPassword()), c.database());
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String sha256Hex(String password) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

}
