package cl.cobranza.connectors.demo;

import cl.cobranza.connectors.postgres.PostgresServer;
import cl.cobranza.core.normalize.PlatformNormalizer;
import org.flywaydb.core.Flyway;

import java.sql.SQLException;
import java.util.List;

/** The platform's own database (collection work in schema {@code collections}, users in {@code access}), migrated by Flyway. */
public final class PlatformDb {
    /** The database name in the local stack's PostgreSQL. */
    public static final String DATABASE = "cobranza_platform";
    /** The source name of its capture: topics {@code raw.platform.collections.<table>}. */
    public static final String SOURCE = PlatformNormalizer.SOURCE;
    /** The captured tables. */
    public static final List<String> TABLES = List.of("collections.collection_actions", "collections.promises");
    /** Where the platform's Flyway migrations are (core's resources). */
    public static final String MIGRATIONS = "classpath:db/platform";

    private PlatformDb() {
    }

    /**
     * Creates the database unless it exists and brings its schema up to date with the platform's Flyway
     * migrations ({@code db/platform} in core; the API runs the same ones at its start, whichever comes first).
     */
    public static void install(PostgresServer pg) throws SQLException {
        pg.createDatabaseIfMissing(DATABASE);
        migrate(pg.jdbcUrl(DATABASE), PostgresServer.SUPERUSER, pg.password());
    }

    /** Applies the pending platform migrations to the database at {@code jdbcUrl}. */
    public static void migrate(String jdbcUrl, String user, String password) {
        Flyway.configure(PlatformDb.class.getClassLoader())
                .dataSource(jdbcUrl, user, password)
                .locations(MIGRATIONS)
                .load()
                .migrate();
    }
}
