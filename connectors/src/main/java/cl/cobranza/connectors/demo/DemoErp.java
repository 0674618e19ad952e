package cl.cobranza.connectors.demo;

import cl.cobranza.connectors.postgres.PostgresServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Creates the demo ERP database of a client: schema from {@code demo/erp-schema.sql}, idempotently. */
public final class DemoErp {
    /** The demo ERP's captured tables. */
    public static final List<String> TABLES = List.of("public.customers", "public.invoices",
            "public.credit_notes", "public.payments");

    private DemoErp() {
    }

    public static void install(PostgresServer pg, DemoClient client) throws SQLException {
        pg.createDatabaseIfMissing(client.database());
        try (Connection c = pg.connect(client.database()); Statement s = c.createStatement()) {
            s.execute(schemaSql());
        }
    }

    static String schemaSql() {
        try (InputStream in = DemoErp.class.getResourceAsStream("/demo/erp-schema.sql")) {
            if (in == null) {
                throw new IllegalStateException("demo/erp-schema.sql is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
