package cl.cobranza.warehouse;

import java.io.Serializable;
import java.util.Objects;

/**
 * Where and as whom to reach the warehouse; Serializable because Flink ships it to its sink operators.
 *
 * @param url      HTTP endpoint, e.g. {@code http://127.0.0.1:8123}
 * @param database default database of every statement (must already exist)
 * @param user     ClickHouse user
 * @param password that user's password (never printed by {@link #toString()})
 */
public record WarehouseSettings(String url, String database, String user, String password) implements Serializable {

    public WarehouseSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        password = password == null ? "" : password;
        Warehouse.requireIdentifier(database, "database");
    }

    /** The same server and user with another default database. */
    public WarehouseSettings withDatabase(String otherDatabase) {
        return new WarehouseSettings(url, otherDatabase, user, password);
    }

    @Override
    public String toString() {
        // Settings end up in logs and Flink's job graph dumps: keep the password out of them.
        return "WarehouseSettings[url=" + url + ", database=" + database + ", user=" + user + ", password=***]";
    }
}
