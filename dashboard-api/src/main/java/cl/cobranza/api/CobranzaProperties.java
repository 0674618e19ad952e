package cl.cobranza.api;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The API's settings ({@code cobranza.*}); defaults are in application.properties. */
@ConfigurationProperties("cobranza")
public record CobranzaProperties(Clickhouse clickhouse, Demo demo, String timezone, Live live) {

    /** Warehouse connection, with the read-only user. */
    public record Clickhouse(String url, String database, String user, String password) {
    }

    /** The single demo login until users and tenants arrive. */
    public record Demo(String user, String password) {
    }

    /** Live updates over server-sent events. */
    public record Live(long intervalMs) {
    }
}
