package cl.cobranza.api;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The API's settings ({@code cobranza.*}); defaults are in application.properties. {@code groups} are the
 * configured groups of clients whose KPIs are rolled up ({@code cobranza.groups.<id>=client-a,client-b}),
 * empty by default.
 */
@ConfigurationProperties("cobranza")
public record CobranzaProperties(Clickhouse clickhouse, Demo demo, String timezone, Live live, Kpi kpi,
                                 Map<String, List<String>> groups) {

    public CobranzaProperties {
        kpi = kpi == null || kpi.agingEdges() == null ? new Kpi(List.of(30, 60, 90, 120)) : kpi;
        groups = normalise(groups);
    }

    /** Group id → its clients, in id order, each client once, blanks dropped; a group without clients stops start-up. */
    private static Map<String, List<String>> normalise(Map<String, List<String>> groups) {
        Map<String, List<String>> result = new TreeMap<>();
        if (groups == null) {
            return Map.of();
        }
        for (Map.Entry<String, List<String>> g : groups.entrySet()) {
            Set<String> members = new LinkedHashSet<>();
            for (String client : g.getValue() == null ? List.<String>of() : g.getValue()) {
                if (client != null && !client.isBlank()) {
                    members.add(client.strip());
                }
            }
            if (members.isEmpty()) {
                throw new IllegalArgumentException("cobranza.groups." + g.getKey() + " lists no clients; give the "
                        + "client ids separated by commas, e.g. cobranza.groups." + g.getKey() + "=client-a,client-b");
            }
            result.put(g.getKey(), List.copyOf(new ArrayList<>(members)));
        }
        return java.util.Collections.unmodifiableMap(result);
    }

    /** Warehouse connection, with the read-only user. */
    public record Clickhouse(String url, String database, String user, String password) {
    }

    /**
     * Users created at start when missing: {@code user} is the first administrator; when {@code clients}
     * names demo clients, an owner (of the first), an account manager and a collector (of all) are created
     * too ({@code dueno}, {@code ejecutiva}, {@code cobrador}); every one with {@code password}.
     */
    public record Demo(String user, String password, List<String> clients) {
        public Demo {
            clients = clients == null ? List.of() : clients.stream().map(String::strip).filter(c -> !c.isEmpty()).toList();
        }
    }

    /** Live updates over server-sent events. */
    public record Live(long intervalMs) {
    }

    /** KPI terms the API needs to present rows: the aging bucket edges the pipeline uses (labels of the buckets). */
    public record Kpi(List<Integer> agingEdges) {
    }
}
