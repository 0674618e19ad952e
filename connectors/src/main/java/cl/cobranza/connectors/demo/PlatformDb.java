package cl.cobranza.connectors.demo;

import cl.cobranza.connectors.postgres.PostgresServer;
import cl.cobranza.core.normalize.PlatformNormalizer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** The platform's own database (collection actions and promises, schema {@code collections}), created idempotently. */
public final class PlatformDb {
    /** The database name in the local stack's PostgreSQL. */
    public static final String DATABASE = "cobranza_platform";
    /** The source name of its capture: topics {@code raw.platform.collections.<table>}. */
    public static final String SOURCE = PlatformNormalizer.SOURCE;
    /** The captured tables. */
    public static final List<String> TABLES = List.of("collections.collection_actions", "collections.promises");

    private PlatformDb() {
    }

    public static void install(PostgresServer pg) throws SQLException {
        pg.createDatabaseIfMissing(DATABASE);
        try (Connection c = pg.connect(DATABASE); Statement s = c.createStatement()) {
            s.execute(schemaSql());
        }
    }

    static String schemaSql() {
        try (InputStream in = PlatformDb.class.getResourceAsStream("/platform/collections-schema.sql")) {
            if (in == null) {
                throw new IllegalStateException("platform/collections-schema.sql is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
