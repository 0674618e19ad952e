package cl.cobranza.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs a classpath schema script (e.g. {@code /profiles/erp-espanol.mariadb.sql}) on a database: PostgreSQL
 * takes the whole script at once (function bodies are $$-quoted); for MariaDB, statements end with ';' at
 * the end of a line (its trigger bodies are single statements) and comment lines are dropped.
 */
final class SchemaScripts {
    private SchemaScripts() {
    }

    static void run(Connection c, String resource) throws SQLException, IOException {
        String sql;
        try (InputStream in = SchemaScripts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is not on the classpath");
            }
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Statement s = c.createStatement()) {
            if (c.getMetaData().getDatabaseProductName().equalsIgnoreCase("PostgreSQL")) {
                s.execute(sql);
                return;
            }
            for (String statement : sql.split(";[ \\t]*(\\r?\\n|$)")) {
                String body = statement.lines().filter(l -> !l.strip().startsWith("--"))
                        .reduce("", (a, b) -> a + "\n" + b).strip();
                if (!body.isEmpty()) {
                    s.execute(body);
                }
            }
        }
    }
}
