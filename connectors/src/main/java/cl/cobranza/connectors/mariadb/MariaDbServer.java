package cl.cobranza.connectors.mariadb;

import cl.cobranza.core.process.ServerProcesses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A private MariaDB server ({@code mariadbd}) run as a child process with an option file generated into its own
 * folder, binary log on in ROW format with full row images (what Debezium needs): an ERP database for tests and the
 * one-machine mode. Data and binlogs stay in the folder across restarts. Test-grade durability
 * ({@code innodb_flush_log_at_trx_commit=2}, binlog not synced): a clean stop loses nothing, a machine crash may
 * lose the last second.
 *
 * <p>Layout of the folder: {@code my.cnf} (rewritten at every start), {@code data/} (tables and
 * {@code binlog.NNNNNN}), {@code tmp/}, {@code log/error.log}, {@code mariadbd.pid} and {@code mariadbd.sock}.
 * Runs as root too (it passes {@code --user=root}, which mariadbd otherwise refuses).
 */
public final class MariaDbServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MariaDbServer.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Path DEBIAN_SERVER = Path.of("/usr/sbin/mariadbd");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    /** The user this class creates for itself, with every privilege, reachable only from 127.0.0.1. */
    public static final String ADMIN_USER = "cobranza_admin";
    /** What a Debezium binlog connector needs (Debezium's MariaDB docs, plus LOCK TABLES for locking snapshots). */
    public static final String CAPTURE_GRANTS =
            "SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT, LOCK TABLES";
    static final String INSTALL_HINT = "Install it: on Debian/Ubuntu `sudo apt-get install mariadb-server` (or, "
            + "without the system service, `sudo apt-get install mariadb-server-core mariadb-client-core`); elsewhere "
            + "install MariaDB 10.6 or later so that `mariadbd` and `mariadb-install-db` are on the PATH.";

    /**
     * What to start.
     *
     * @param dir      folder owned by this server: option file, data, binlogs, logs, pid file and socket
     * @param port     TCP port on 127.0.0.1
     * @param serverId the server's {@code server_id}; replication clients (Debezium) must use other ids
     * @param binary   explicit {@code mariadbd}, or null to discover one
     */
    public record Config(Path dir, int port, int serverId, Path binary) {
        public Config {
            Objects.requireNonNull(dir, "dir");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be 1..65535, got " + port);
            }
            if (serverId < 1) {
                throw new IllegalArgumentException("serverId must be positive, got " + serverId);
            }
            dir = dir.toAbsolutePath().normalize();
        }

        /** server_id 1, binary discovered. */
        public static Config local(Path dir, int port) {
            return new Config(dir, port, 1, null);
        }

        /** The same config with an explicit {@code mariadbd}. */
        public Config withBinary(Path mariadbd) {
            return new Config(dir, port, serverId, mariadbd);
        }
    }

    private final Config config;
    private final Process process;
    private final String adminPassword;
    private final Thread shutdownHook;
    private volatile boolean closed;

    private MariaDbServer(Config config, Process process, String adminPassword) {
        this.config = config;
        this.process = process;
        this.adminPassword = adminPassword;
        // If the JVM ends without close() (Ctrl-C, a killed test run), the server must not linger.
        this.shutdownHook = new Thread(this::stopProcess, "mariadbd-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Creates the data folder on first use ({@code mariadb-install-db}), writes the option file, starts
     * {@code mariadbd} and returns once it accepts connections. A server left running on this folder by a crashed
     * previous run is stopped first.
     *
     * @throws IllegalStateException when no binary is found (the message says what to install), or when the server
     *                               does not start (with its error log's tail)
     */
    public static MariaDbServer start(Config config) {
        Path mariadbd = serverBinary(config.binary());
        Path dir = config.dir();
        String adminPassword = ServerProcesses.randomPassword();
        Path initFile = dir.resolve("init.sql");
        try {
            for (String sub : List.of("data", "tmp", "log")) {
                Files.createDirectories(dir.resolve(sub));
            }
            ServerProcesses.stopStale(pidFile(dir), dir, c -> c.contains("mariadbd") || c.contains("mysqld"), STOP_TIMEOUT, "MariaDB");
            Files.writeString(optionFile(dir), optionFile(config, socketPath(dir)), StandardCharsets.UTF_8);
            if (!Files.isDirectory(dir.resolve("data").resolve("mysql"))) {
                installDatabase(mariadbd, config);
            }
            // The admin user is (re)created at every start with a fresh password: the server is private, the
            // password lives only as long as this object. The file is read before the server listens, then deleted.
            Files.deleteIfExists(initFile);
            Files.createFile(initFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(initFile, initSql(adminPassword), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare MariaDB folder " + dir, e);
        }
        List<String> command = new ArrayList<>(List.of(mariadbd.toString(), "--defaults-file=" + optionFile(dir),
                "--init-file=" + initFile));
        if (runningAsRoot()) {
            command.add("--user=root");
        }
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("log").resolve("stdout.log").toFile()))
                    .start();
            Files.writeString(pidFile(dir), Long.toString(process.pid()), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start MariaDB with " + command + ": " + e.getMessage(), e);
        }
        MariaDbServer server = new MariaDbServer(config, process, adminPassword);
        try {
            server.awaitReady();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        } finally {
            try {
                Files.deleteIfExists(initFile);
            } catch (IOException e) {
                LOG.warn("Could not delete {}: {}", initFile, e.toString());
            }
        }
        LOG.info("MariaDB ready on 127.0.0.1:{} (pid {}, folder {})", config.port(), process.pid(), dir);
        return server;
    }

    /**
     * The {@code mariadbd} to run: the explicit one, else {@code mariadbd} on the PATH, else Debian's
     * {@code /usr/sbin/mariadbd} (not on a non-root PATH).
     *
     * @throws IllegalStateException with installation instructions when there is none
     */
    public static Path serverBinary(Path explicitBinary) {
        if (explicitBinary != null) {
            if (!Files.isExecutable(explicitBinary)) {
                throw new IllegalStateException("MariaDB server binary " + explicitBinary
                        + " does not exist or is not executable. " + INSTALL_HINT);
            }
            return explicitBinary;
        }
        Optional<Path> onPath = ServerProcesses.findOnPath("mariadbd");
        if (onPath.isPresent()) {
            return onPath.get();
        }
        if (Files.isExecutable(DEBIAN_SERVER)) {
            return DEBIAN_SERVER;
        }
        throw new IllegalStateException("No MariaDB server found (looked for mariadbd on the PATH and "
                + DEBIAN_SERVER + "). " + INSTALL_HINT);
    }

    /** A TCP port that was free on 127.0.0.1 a moment ago (good enough for tests and local runs). */
    public static int freePort() {
        return ServerProcesses.freePort();
    }

    public int port() {
        return config.port();
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

    /** A JDBC URL for the MariaDB driver; {@code database} may be empty. */
    public String jdbcUrl(String database) {
        return "jdbc:mariadb://127.0.0.1:" + config.port() + "/" + database;
    }

    /** A connection as the admin user (all privileges); {@code database} may be empty. */
    public Connection connect(String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", ADMIN_USER);
        p.setProperty("password", adminPassword);
        p.setProperty("connectTimeout", "5000");
        return DriverManager.getConnection(jdbcUrl(database), p);
    }

    /** Creates the database (utf8mb4) unless it exists; returns true when it was created. */
    public boolean createDatabaseIfMissing(String database) throws SQLException {
        requireIdentifier(database, "database");
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM information_schema.schemata WHERE schema_name = '"
                    + database + "'")) {
                if (rs.next()) {
                    return false;
                }
            }
            s.execute("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            return true;
        }
    }

    /**
     * Creates (or updates the password of) a user for Debezium, reachable from 127.0.0.1, with
     * {@link #CAPTURE_GRANTS} on every database: the binlog is server-wide, and the snapshot's global read lock
     * needs RELOAD.
     */
    public void createCaptureUser(String user, String password) throws SQLException {
        requireIdentifier(user, "user");
        try (Connection c = connect("")) {
            try (PreparedStatement ps = c.prepareStatement("CREATE USER IF NOT EXISTS '" + user
                    + "'@'127.0.0.1' IDENTIFIED BY ?")) {
                ps.setString(1, password);
                ps.execute();
            }
            try (PreparedStatement ps = c.prepareStatement("ALTER USER '" + user + "'@'127.0.0.1' IDENTIFIED BY ?")) {
                ps.setString(1, password);
                ps.execute();
            }
            try (Statement s = c.createStatement()) {
                s.execute("GRANT " + CAPTURE_GRANTS + " ON *.* TO '" + user + "'@'127.0.0.1'");
            }
        }
    }

    /** The binary log files the server has now, oldest first ({@code SHOW BINARY LOGS}). */
    public List<String> binlogFiles() throws SQLException {
        List<String> files = new ArrayList<>();
        try (Connection c = connect(""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW BINARY LOGS")) {
            while (rs.next()) {
                files.add(rs.getString(1));
            }
        }
        return files;
    }

    /** Stops the server: SIGTERM (a clean shutdown), up to 30 s, then SIGKILL. Safe to call more than once. */
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
        Path pidFile = pidFile(config.dir());
        try {
            // mariadbd removes it on a clean stop; remove it otherwise, unless a newer server on the folder wrote it
            if (Files.exists(pidFile)
                    && Files.readString(pidFile, StandardCharsets.US_ASCII).strip().equals(Long.toString(process.pid()))) {
                Files.delete(pidFile);
            }
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", pidFile, e.toString());
        }
    }

    private void stopProcess() {
        ServerProcesses.stop(process.toHandle(), STOP_TIMEOUT, "MariaDB");
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("MariaDB exited with code " + process.exitValue()
                        + " before it was ready (folder " + config.dir() + ", port " + config.port() + ").\n" + logTail());
            }
            try (Connection c = connect(""); Statement s = c.createStatement()) {
                s.execute("SELECT 1");
                return;
            } catch (SQLException e) {
                last = e.getMessage(); // not listening yet, or the init file not run yet
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for MariaDB", e);
            }
        }
        throw new IllegalStateException("MariaDB did not accept connections on 127.0.0.1:" + config.port() + " within "
                + READY_TIMEOUT.toSeconds() + " s (last: " + last + ").\n" + logTail());
    }

    private static void installDatabase(Path mariadbd, Config config) throws IOException {
        Path installer = installDbScript(mariadbd);
        List<String> command = new ArrayList<>(List.of(installer.toString(),
                "--defaults-file=" + optionFile(config.dir()),
                "--basedir=" + mariadbd.toAbsolutePath().getParent().getParent(),
                "--auth-root-authentication-method=socket", "--skip-test-db"));
        if (runningAsRoot()) {
            command.add("--user=root");
        }
        Path log = config.dir().resolve("log").resolve("install.log");
        LOG.info("Creating MariaDB data folder {}", config.dir().resolve("data"));
        Process p = new ProcessBuilder(command)
                .directory(config.dir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("mariadb-install-db did not finish in 120 s; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IllegalStateException("Interrupted while creating the MariaDB data folder", e);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("mariadb-install-db failed with code " + p.exitValue() + " (" + command
                    + ").\n--- " + log + " (tail) ---\n" + ServerProcesses.tail(log, 30));
        }
    }

    /** {@code mariadb-install-db} beside the server ({@code ../bin}, {@code ../scripts}), on the PATH, or Debian's. */
    private static Path installDbScript(Path mariadbd) {
        Path base = mariadbd.toAbsolutePath().getParent().getParent();
        List<Path> candidates = new ArrayList<>();
        if (base != null) {
            candidates.add(base.resolve("bin").resolve("mariadb-install-db"));
            candidates.add(base.resolve("scripts").resolve("mariadb-install-db"));
        }
        ServerProcesses.findOnPath("mariadb-install-db").ifPresent(candidates::add);
        candidates.add(Path.of("/usr/bin/mariadb-install-db"));
        for (Path c : candidates) {
            if (Files.isExecutable(c)) {
                return c;
            }
        }
        throw new IllegalStateException("mariadb-install-db not found (looked at " + candidates + "). " + INSTALL_HINT);
    }

    static String optionFile(Config c, Path socket) {
        Path dir = c.dir();
        // [mariadbd] only: --defaults-file keeps /etc/mysql out, so nothing of a system installation leaks in.
        return """
                # Generated by cobranza at every start; edits are overwritten.
                [mariadbd]
                datadir=%1$s/data
                tmpdir=%1$s/tmp
                pid-file=%1$s/mariadbd.pid
                socket=%2$s
                log-error=%1$s/log/error.log
                port=%3$d
                bind-address=127.0.0.1
                skip-name-resolve
                character-set-server=utf8mb4
                collation-server=utf8mb4_unicode_ci
                # what Debezium's binlog connectors need
                server-id=%4$d
                log-bin=%1$s/data/binlog
                binlog-format=ROW
                binlog-row-image=FULL
                binlog-expire-logs-seconds=604800
                # test-grade durability (like the embedded PostgreSQL's fsync=off): fast, and a clean stop loses nothing
                innodb-flush-log-at-trx-commit=2
                sync-binlog=0
                innodb-buffer-pool-size=64M
                max-connections=200
                """.formatted(dir, socket, c.port(), c.serverId());
    }

    private static String initSql(String adminPassword) {
        String pw = adminPassword.replace("\\", "\\\\").replace("'", "\\'");
        return "CREATE USER IF NOT EXISTS '" + ADMIN_USER + "'@'127.0.0.1' IDENTIFIED BY '" + pw + "';\n"
                + "ALTER USER '" + ADMIN_USER + "'@'127.0.0.1' IDENTIFIED BY '" + pw + "';\n"
                + "GRANT ALL PRIVILEGES ON *.* TO '" + ADMIN_USER + "'@'127.0.0.1' WITH GRANT OPTION;\n";
    }

    /** The socket in the folder, unless that path is too long for a Unix socket (108 bytes): then in /tmp. */
    static Path socketPath(Path dir) {
        Path inDir = dir.resolve("mariadbd.sock");
        if (inDir.toString().getBytes(StandardCharsets.UTF_8).length < 100) {
            return inDir;
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "cobranza-mariadb-"
                + Integer.toHexString(dir.toString().hashCode()) + ".sock");
    }

    private static Path optionFile(Path dir) {
        return dir.resolve("my.cnf");
    }

    private static Path pidFile(Path dir) {
        return dir.resolve("mariadbd.pid");
    }

    private String logTail() {
        Path log = config.dir().resolve("log");
        return "--- " + log.resolve("error.log") + " (tail) ---\n" + ServerProcesses.tail(log.resolve("error.log"), 30)
                + "\n--- " + log.resolve("stdout.log") + " (tail) ---\n" + ServerProcesses.tail(log.resolve("stdout.log"), 15);
    }

    private static boolean runningAsRoot() {
        return ProcessHandle.current().info().user().map("root"::equals)
                .orElse("root".equals(System.getProperty("user.name")));
    }

    private static void requireIdentifier(String name, String what) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " must be a plain identifier ([A-Za-z_][A-Za-z0-9_]*), got '"
                    + name + "'");
        }
    }

}
