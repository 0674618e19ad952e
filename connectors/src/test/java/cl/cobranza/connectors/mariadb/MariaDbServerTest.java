package cl.cobranza.connectors.mariadb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MariaDbServerTest {

    @Test
    void startsWithBinlogInRowFormatAndKeepsDataAndBinlogsAcrossARestart(@TempDir Path dir) throws Exception {
        MariaDbServer.Config config = MariaDbServer.Config.local(dir.resolve("mariadb"), MariaDbServer.freePort());
        List<String> binlogsBefore;
        long firstPid;
        try (MariaDbServer server = MariaDbServer.start(config)) {
            firstPid = server.pid();
            assertThat(server.createDatabaseIfMissing("erp")).isTrue();
            assertThat(server.createDatabaseIfMissing("erp")).isFalse();
            try (Connection c = server.connect("erp"); Statement s = c.createStatement()) {
                assertThat(variable(s, "log_bin")).isEqualTo("ON");
                assertThat(variable(s, "binlog_format")).isEqualTo("ROW");
                assertThat(variable(s, "binlog_row_image")).isEqualTo("FULL");
                assertThat(variable(s, "server_id")).isEqualTo("1");
                assertThat(variable(s, "bind_address")).isEqualTo("127.0.0.1");
                assertThat(variable(s, "character_set_server")).isEqualTo("utf8mb4");
                s.execute("CREATE TABLE clientes (id INT PRIMARY KEY, razon_social VARCHAR(100))");
                s.execute("INSERT INTO clientes VALUES (1, 'Panadería El Trigal Ltda.')");
            }
            binlogsBefore = server.binlogFiles();
            assertThat(binlogsBefore).isNotEmpty().allMatch(f -> f.matches("binlog\\.\\d{6}"));
            assertThat(Files.exists(config.dir().resolve("mariadbd.pid"))).isTrue();
        }
        assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(Files.exists(config.dir().resolve("mariadbd.pid"))).isFalse();

        try (MariaDbServer server = MariaDbServer.start(config)) {
            try (Connection c = server.connect("erp"); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT razon_social FROM clientes WHERE id = 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("Panadería El Trigal Ltda.");
            }
            // the old binlogs are still there, and the restart opened a new one
            List<String> after = server.binlogFiles();
            assertThat(after).containsAll(binlogsBefore).hasSize(binlogsBefore.size() + 1);
        }
    }

    @Test
    void theCaptureUserCanReadTheBinlogPositionAndNothingIsWrittenByIt(@TempDir Path dir) throws Exception {
        try (MariaDbServer server = MariaDbServer.start(MariaDbServer.Config.local(dir, MariaDbServer.freePort()))) {
            server.createDatabaseIfMissing("erp");
            server.createCaptureUser("debezium", "s3cret");
            server.createCaptureUser("debezium", "s3cret-2"); // idempotent; changes the password
            try (Connection c = DriverManager.getConnection(server.jdbcUrl("erp"), "debezium", "s3cret-2");
                 Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString("File")).startsWith("binlog.");
                }
                List<String> grants = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SHOW GRANTS")) {
                    while (rs.next()) {
                        grants.add(rs.getString(1));
                    }
                }
                // MariaDB 10.5+ names REPLICATION CLIENT "BINLOG MONITOR"
                assertThat(String.join("\n", grants)).contains("SELECT", "RELOAD", "SHOW DATABASES", "LOCK TABLES",
                        "REPLICATION SLAVE").containsAnyOf("REPLICATION CLIENT", "BINLOG MONITOR");
                assertThatThrownBy(() -> s.execute("CREATE TABLE x (id INT)")).hasMessageContaining("denied");
            }
        }
    }

    @Test
    void aServerLeftRunningOnTheFolderIsStoppedByTheNextStart(@TempDir Path dir) throws Exception {
        MariaDbServer.Config config = MariaDbServer.Config.local(dir, MariaDbServer.freePort());
        MariaDbServer orphan = MariaDbServer.start(config); // as if its JVM had died without closing it
        try (MariaDbServer next = MariaDbServer.start(config)) {
            assertThat(orphan.isAlive()).isFalse();
            assertThat(next.isAlive()).isTrue();
            orphan.close(); // must not touch the new server's pid file
            assertThat(Files.readString(config.dir().resolve("mariadbd.pid")).strip()).isEqualTo(Long.toString(next.pid()));
            try (Connection c = next.connect(""); Statement s = c.createStatement()) {
                assertThat(variable(s, "port")).isEqualTo(Integer.toString(config.port()));
            }
        }
    }

    @Test
    void aMissingBinarySaysWhatToInstall() {
        assertThatThrownBy(() -> MariaDbServer.start(MariaDbServer.Config.local(Path.of("/tmp/unused-mariadb"), 3399)
                .withBinary(Path.of("/nonexistent/mariadbd"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/nonexistent/mariadbd")
                .hasMessageContaining("apt-get install mariadb-server");
    }

    @Test
    void aLongFolderGetsItsSocketInTmp() {
        Path deep = Path.of("/tmp", "x".repeat(120));
        assertThat(MariaDbServer.socketPath(deep).toString()).startsWith(System.getProperty("java.io.tmpdir"))
                .endsWith(".sock");
        assertThat(MariaDbServer.socketPath(Path.of("/tmp/m"))).isEqualTo(Path.of("/tmp/m/mariadbd.sock"));
    }

    private static String variable(Statement s, String name) throws Exception {
        try (ResultSet rs = s.executeQuery("SHOW GLOBAL VARIABLES LIKE '" + name + "'")) {
            assertThat(rs.next()).as("variable %s", name).isTrue();
            return rs.getString(2);
        }
    }
}
