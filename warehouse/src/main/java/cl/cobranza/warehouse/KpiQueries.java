package cl.cobranza.warehouse;

import cl.cobranza.core.kpi.CohortRecovery;
import cl.cobranza.core.kpi.DailyKpis;
import cl.cobranza.core.kpi.MonthlyKpis;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static cl.cobranza.warehouse.SqlLiteral.date;
import static cl.cobranza.warehouse.SqlLiteral.string;

/**
 * Typed reads of the KPI tables (daily, monthly, cohorts, dead letters), newest version of each row
 * ({@code FINAL}; the filters are on sorting-key columns only, which every version of a row shares).
 * Every value enters the SQL through {@link SqlLiteral}. Callers pass the client ids they may see.
 */
public final class KpiQueries {
    // Every method takes the caller's TenantScope: requested client ids outside it are dropped before any SQL
    // is built, so a caller can only ever read rows of clients it may see.
    private static final String DAILY_COLUMNS = "client_id, day, open_clp, open_invoices, overdue_clp, overdue_invoices, "
            + "aging_clp, overdue_clp_days, sales_clp, credit_notes_clp, collected_clp, sales_90d_clp, dso_countback, version";
    private static final String MONTHLY_COLUMNS = "client_id, month, period_end, as_of, ar_start_clp, sales_clp, credit_notes_clp, "
            + "collected_clp, ar_end_clp, current_ar_end_clp, dso_countback, closed_invoices, closed_weight_clp, "
            + "closed_weight_clp_days, placed_start_clp, newly_placed_clp, recovered_clp, promises_due, promises_kept, "
            + "contact_attempts, right_party_contacts, actions, action_cost_clp, charges_passed_on_clp, invoices_worked, "
            + "agency_fee_clp, version";

    private final Warehouse warehouse;

    /** Queries on this warehouse (reader credentials are enough). */
    public KpiQueries(Warehouse warehouse) {
        this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
    }

    /** Daily rows of these clients from {@code from} to {@code to} inclusive, by client and day. */
    public List<DailyKpis> daily(TenantScope scope, Collection<String> clientIds, LocalDate from, LocalDate to) {
        clientIds = scope.restrict(clientIds);
        if (clientIds.isEmpty()) {
            return List.of();
        }
        String sql = "SELECT " + DAILY_COLUMNS + " FROM kpi_client_daily FINAL WHERE client_id IN (" + list(clientIds)
                + ") AND day >= " + date(from) + " AND day <= " + date(to) + " ORDER BY client_id, day";
        List<DailyKpis> rows = new ArrayList<>();
        for (JsonNode r : warehouse.query(sql)) {
            rows.add(dailyRow(r));
        }
        return rows;
    }

    private static DailyKpis dailyRow(JsonNode r) {
        return new DailyKpis(r.get("client_id").asText(), LocalDate.parse(r.get("day").asText()),
                r.get("open_clp").asLong(), r.get("open_invoices").asLong(), r.get("overdue_clp").asLong(),
                r.get("overdue_invoices").asLong(), longs(r.get("aging_clp")), r.get("overdue_clp_days").asLong(),
                r.get("sales_clp").asLong(), r.get("credit_notes_clp").asLong(), r.get("collected_clp").asLong(),
                r.get("sales_90d_clp").asLong(), r.get("dso_countback").asDouble(), r.get("version").asLong());
    }

    /** The newest daily row on or before {@code asOf} of each of these clients (clients without one are absent). */
    public Map<String, DailyKpis> latestDaily(TenantScope scope, Collection<String> clientIds, LocalDate asOf) {
        clientIds = scope.restrict(clientIds);
        if (clientIds.isEmpty()) {
            return Map.of();
        }
        // one query for any number of clients: the (client, newest day) pairs, then those rows collapsed
        Map<String, DailyKpis> latest = new LinkedHashMap<>();
        for (DailyKpis k : newestRows(clientIds, "(client_id, day)", "client_id, max(day)", " GROUP BY client_id", asOf)) {
            latest.put(k.clientId(), k);
        }
        return latest;
    }

    /**
     * The daily rows of these clients on the newest day on or before {@code asOf} on which any of them has one
     * (clients without a row that day are absent), by client; empty when none has a row by then.
     */
    public List<DailyKpis> latestDayRows(TenantScope scope, Collection<String> clientIds, LocalDate asOf) {
        clientIds = scope.restrict(clientIds);
        if (clientIds.isEmpty()) {
            return List.of();
        }
        // over no rows max() answers the zero date, on which no row can be: a row dated by then would have been counted
        return newestRows(clientIds, "day", "max(day)", "", asOf);
    }

    /** The collapsed daily rows of these clients whose {@code key} is among the subquery's {@code newest} rows on or before asOf. */
    private List<DailyKpis> newestRows(Collection<String> clientIds, String key, String newest, String groupBy, LocalDate asOf) {
        String ids = list(clientIds);
        String sql = "SELECT " + DAILY_COLUMNS + " FROM kpi_client_daily FINAL WHERE client_id IN (" + ids + ") AND "
                + key + " IN (SELECT " + newest + " FROM kpi_client_daily WHERE client_id IN (" + ids + ") AND day <= "
                + date(asOf) + groupBy + ") ORDER BY client_id";
        List<DailyKpis> rows = new ArrayList<>();
        for (JsonNode r : warehouse.query(sql)) {
            rows.add(dailyRow(r));
        }
        return rows;
    }

    /**
     * Credit sales of these clients together per calendar month, summed from their daily rows dated from
     * {@code from} to {@code to} inclusive (a month cut by the range counts only its days inside it); months
     * without sales are absent. The input of a group's countback DSO.
     */
    public Map<YearMonth, Long> salesByMonth(TenantScope scope, Collection<String> clientIds, LocalDate from, LocalDate to) {
        clientIds = scope.restrict(clientIds);
        Map<YearMonth, Long> sales = new TreeMap<>();
        if (clientIds.isEmpty() || to.isBefore(from)) {
            return sales;
        }
        String sql = "SELECT toStartOfMonth(day) AS m, sum(sales_clp) AS s FROM (SELECT day, sales_clp FROM "
                + "kpi_client_daily FINAL WHERE client_id IN (" + list(clientIds) + ") AND day >= " + date(from)
                + " AND day <= " + date(to) + ") GROUP BY m ORDER BY m";
        for (JsonNode r : warehouse.query(sql)) {
            long s = r.get("s").asLong();
            if (s != 0) {
                sales.put(YearMonth.from(LocalDate.parse(r.get("m").asText())), s);
            }
        }
        return sales;
    }

    /** The clients of the {@code clients} table in the scope (newest name and RUT), by client id. */
    public List<ClientInfo> clients(TenantScope scope) {
        return clients(scope.sqlCondition("client_id"));
    }

    /** This client as {@link #clients} lists it, without reading the scope's other clients; empty when not listed there. */
    public Optional<ClientInfo> client(TenantScope scope, String clientId) {
        if (clientId == null || !scope.allows(clientId)) {
            return Optional.empty();
        }
        return clients("client_id = " + string(clientId)).stream().findFirst();
    }

    private List<ClientInfo> clients(String condition) {
        String sql = "SELECT client_id, argMax(name, version) AS client_name, argMax(rut, version) AS client_rut"
                + " FROM clients WHERE " + condition + " GROUP BY client_id ORDER BY client_id";
        List<ClientInfo> clients = new ArrayList<>();
        for (JsonNode r : warehouse.query(sql)) {
            clients.add(new ClientInfo(r.get("client_id").asText(), r.get("client_name").asText(),
                    r.get("client_rut").asText()));
        }
        return clients;
    }

    /** Monthly rows of these clients for months {@code from} to {@code to} inclusive, by client and month. */
    public List<MonthlyKpis> monthly(TenantScope scope, Collection<String> clientIds, YearMonth from, YearMonth to) {
        clientIds = scope.restrict(clientIds);
        if (clientIds.isEmpty()) {
            return List.of();
        }
        String sql = "SELECT " + MONTHLY_COLUMNS + " FROM kpi_client_monthly FINAL WHERE client_id IN ("
                + list(clientIds) + ") AND month >= " + date(from.atDay(1)) + " AND month <= " + date(to.atDay(1))
                + " ORDER BY client_id, month";
        List<MonthlyKpis> rows = new ArrayList<>();
        for (JsonNode r : warehouse.query(sql)) {
            rows.add(new MonthlyKpis(r.get("client_id").asText(), YearMonth.from(LocalDate.parse(r.get("month").asText())),
                    LocalDate.parse(r.get("period_end").asText()), LocalDate.parse(r.get("as_of").asText()),
                    r.get("ar_start_clp").asLong(),
                    r.get("sales_clp").asLong(), r.get("credit_notes_clp").asLong(), r.get("collected_clp").asLong(),
                    r.get("ar_end_clp").asLong(), r.get("current_ar_end_clp").asLong(), r.get("dso_countback").asDouble(),
                    r.get("closed_invoices").asLong(), r.get("closed_weight_clp").asLong(),
                    r.get("closed_weight_clp_days").asLong(), r.get("placed_start_clp").asLong(),
                    r.get("newly_placed_clp").asLong(), r.get("recovered_clp").asLong(), r.get("promises_due").asLong(),
                    r.get("promises_kept").asLong(), r.get("contact_attempts").asLong(),
                    r.get("right_party_contacts").asLong(), r.get("actions").asLong(), r.get("action_cost_clp").asLong(),
                    r.get("charges_passed_on_clp").asLong(), r.get("invoices_worked").asLong(),
                    r.get("agency_fee_clp").asLong(), r.get("version").asLong()));
        }
        return rows;
    }

    /** Cohort rows (with at least one placed invoice) of these clients, by client and cohort month. */
    public List<CohortRecovery> cohorts(TenantScope scope, Collection<String> clientIds) {
        clientIds = scope.restrict(clientIds);
        if (clientIds.isEmpty()) {
            return List.of();
        }
        String sql = "SELECT client_id, cohort, invoices, placed_clp, recovered_clp, version FROM kpi_recovery_cohort FINAL"
                + " WHERE client_id IN (" + list(clientIds) + ") ORDER BY client_id, cohort";
        List<CohortRecovery> rows = new ArrayList<>();
        for (JsonNode r : warehouse.query(sql)) {
            if (r.get("invoices").asLong() > 0) {
                rows.add(new CohortRecovery(r.get("client_id").asText(),
                        YearMonth.from(LocalDate.parse(r.get("cohort").asText())), r.get("invoices").asLong(),
                        r.get("placed_clp").asLong(), longs(r.get("recovered_clp")), r.get("version").asLong()));
            }
        }
        return rows;
    }

    /** Rejected records per client (each record once, however often it was replayed). */
    public Map<String, Long> deadLetterCounts(TenantScope scope, Collection<String> clientIds) {
        clientIds = scope.restrict(clientIds);
        if (clientIds.isEmpty()) {
            return Map.of();
        }
        String sql = "SELECT client_id, count() AS n FROM (SELECT client_id FROM dead_letters FINAL WHERE client_id IN ("
                + list(clientIds) + ")) GROUP BY client_id ORDER BY client_id";
        Map<String, Long> counts = new LinkedHashMap<>();
        for (JsonNode r : warehouse.query(sql)) {
            counts.put(r.get("client_id").asText(), r.get("n").asLong());
        }
        return counts;
    }

    /** The newest rejected records of these clients, newest first. */
    public List<RejectedRow> deadLetters(TenantScope scope, Collection<String> clientIds, int limit) {
        clientIds = scope.restrict(clientIds);
        if (clientIds.isEmpty()) {
            return List.of();
        }
        String sql = "SELECT client_id, topic, partition, offset, record_key, table_name, field, reason, value, version"
                + " FROM dead_letters FINAL WHERE client_id IN (" + list(clientIds) + ") ORDER BY version DESC LIMIT "
                + Math.max(1, Math.min(limit, 10_000));
        List<RejectedRow> rows = new ArrayList<>();
        for (JsonNode r : warehouse.query(sql)) {
            rows.add(new RejectedRow(r.get("client_id").asText(), r.get("topic").asText(), r.get("partition").asInt(),
                    r.get("offset").asLong(), r.get("record_key").asText(), r.get("table_name").asText(), r.get("field").asText(),
                    r.get("reason").asText(), r.get("value").asText(), r.get("version").asLong()));
        }
        return rows;
    }

    /** The newest health report of every captured source of the scope's clients, by source name. */
    public List<SourceStatus> sourceStatus(TenantScope scope) {
        String sql = "SELECT source, client_id, kind, state, captured, lag_bytes, last_error,"
                + " toUnixTimestamp(reported_at) AS reported FROM (SELECT * FROM source_status FINAL) WHERE "
                + scope.sqlCondition("client_id") + " ORDER BY source";
        List<SourceStatus> rows = new ArrayList<>();
        for (JsonNode r : warehouse.query(sql)) {
            JsonNode lag = r.get("lag_bytes");
            rows.add(new SourceStatus(r.get("source").asText(), r.get("client_id").asText(), r.get("kind").asText(),
                    r.get("state").asText(), r.get("captured").asLong(), lag == null || lag.isNull() ? null : lag.asLong(),
                    r.get("last_error").asText(), java.time.Instant.ofEpochSecond(r.get("reported").asLong())));
        }
        return rows;
    }

    private static String list(Collection<String> ids) {
        return ids.stream().map(SqlLiteral::string).collect(Collectors.joining(", "));
    }

    private static long[] longs(JsonNode array) {
        long[] v = new long[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).asLong();
        }
        return v;
    }
}
