package cl.cobranza.connectors.debezium;

import cl.cobranza.connectors.mariadb.MariaDbServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Test fixture: a MariaDB server with the Spanish-named ERP schema of {@code mariadb/erp-schema.sql} and a Debezium user. */
final class MariaDbErp {
    static final String DATABASE = "erp";
    static final String USER = "debezium";
    static final String PASSWORD = "dbz-secret";
    static final List<String> TABLES = List.of("erp.clientes", "erp.documentos", "erp.abonos", "erp.aplicaciones_abono");

    private MariaDbErp() {
    }

    /** Starts a server in {@code dir} (on a free port) with the schema installed and the capture user created. */
    static MariaDbServer start(Path dir) throws SQLException {
        MariaDbServer server = MariaDbServer.start(MariaDbServer.Config.local(dir, MariaDbServer.freePort()));
        try {
            if (server.createDatabaseIfMissing(DATABASE)) {
                exec(server, schemaStatements().toArray(String[]::new));
            }
            server.createCaptureUser(USER, PASSWORD);
            return server;
        } catch (SQLException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    static DebeziumCapture.Source source(String name, MariaDbServer server) {
        return DebeziumCapture.Source.mariadb(name, "127.0.0.1", server.port(), DATABASE, USER, PASSWORD, TABLES);
    }

    /** Runs the statements in one transaction. */
    static void exec(MariaDbServer server, String... sql) throws SQLException {
        try (Connection c = server.connect(DATABASE)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String q : sql) {
                    s.execute(q);
                }
            }
            c.commit();
        }
    }

    static List<String> schemaStatements() {
        try (InputStream in = MariaDbErp.class.getResourceAsStream("/mariadb/erp-schema.sql")) {
            if (in == null) {
                throw new IllegalStateException("mariadb/erp-schema.sql is missing from the test classpath");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            StringBuilder withoutComments = new StringBuilder();
            for (String line : text.split("\n")) {
                int comment = line.indexOf("--");
                withoutComments.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
            }
            return java.util.Arrays.stream(withoutComments.toString().split(";"))
                    .map(String::strip).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
