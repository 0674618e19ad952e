package cl.cobranza.warehouse;

import cl.cobranza.core.kpi.CohortRecovery;
import cl.cobranza.core.kpi.DailyKpis;
import cl.cobranza.core.kpi.MonthlyKpis;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

/** Every KPI table written by {@link WarehouseWriter} reads back through {@link KpiQueries} unchanged, newest version first. */
@ExtendWith(ClickHouseExtension.class)
class KpiQueriesTest {
    private static final String CLIENT = "kq-alfa";
    private static final String OTHER = "kq-beta";
    private static final LocalDate MAR_31 = LocalDate.of(2025, 3, 31);
    private static final YearMonth MARCH = YearMonth.of(2025, 3);

    private static Warehouse warehouse;
    private static WarehouseWriter writer;
    private static KpiQueries queries;

    @BeforeAll
    static void open(ClickHouseServer server) {
        warehouse = new Warehouse(server.writerSettings());
        writer = new WarehouseWriter(warehouse);
        queries = new KpiQueries(warehouse);
    }

    @AfterAll
    static void close() {
        warehouse.close();
    }

    private static MonthlyKpis march(String client, long recovered, long version) {
        return new MonthlyKpis(client, MARCH, MAR_31, LocalDate.of(2025, 4, 2), 1_000_000, 500_000, 20_000, 600_000, 880_000, 300_000, 47.5,
                3, 400_000, 4_000_000, 700_000, 200_000, recovered, 4, 3, 10, 6, 25, 90_000, 0, 7,
                Math.round(recovered * 0.15), version);
    }

    @Test
    void dailyRowsKeepEveryFieldAndTheNewestVersion() {
        DailyKpis old = new DailyKpis(CLIENT, MAR_31, 1, 1, 1, 1, new long[] {0, 1, 0, 0, 0, 0}, 5, 0, 0, 0, 0, 0, 1);
        DailyKpis row = new DailyKpis(CLIENT, MAR_31, 880_000, 7, 580_000, 4, new long[] {300_000, 200_000, 180_000, 0, 0, 200_000},
                23_200_000, 120_000, 0, 35_000, 1_500_000, 73.71, 2);
        writer.writeDaily(List.of(row));
        writer.writeDaily(List.of(old));
        assertThat(queries.daily(TenantScope.everyClient(), List.of(CLIENT, OTHER), MAR_31, MAR_31)).singleElement()
                .usingRecursiveComparison().isEqualTo(row);
        assertThat(queries.latestDaily(TenantScope.everyClient(), List.of(CLIENT), LocalDate.of(2025, 4, 30))).containsOnlyKeys(CLIENT);
        // the stored ratios are the record's own: 23,200,000 ÷ 580,000 = 40 days; 880,000 ÷ 1,500,000 × 90 = 52.8
        JsonNode stored = warehouse.query("SELECT weighted_dpd, dso_standard FROM kpi_client_daily FINAL WHERE client_id = '"
                + CLIENT + "'").get(0);
        assertThat(stored.get("weighted_dpd").asDouble()).isEqualTo(40.0);
        assertThat(stored.get("dso_standard").asDouble()).isCloseTo(52.8, within(1e-9));
    }

    @Test
    void monthlyRowsAndRatiosRoundTrip() {
        writer.writeMonthly(List.of(march(CLIENT, 150_000, 5), march(OTHER, 100, 5)));
        writer.writeMonthly(List.of(march(CLIENT, 1, 4)));
        assertThat(queries.monthly(TenantScope.everyClient(), List.of(CLIENT), MARCH, MARCH)).singleElement().isEqualTo(march(CLIENT, 150_000, 5));
        JsonNode stored = warehouse.query("SELECT cei, promise_kept_rate, net_recovery_clp FROM kpi_client_monthly FINAL"
                + " WHERE client_id = '" + CLIENT + "'").get(0);
        // CEI = (1,000,000 + 500,000 − 880,000) ÷ (1,000,000 + 500,000 − 300,000) × 100 = 620 ÷ 1200 × 100
        assertThat(stored.get("cei").asDouble()).isCloseTo(51.6667, within(1e-4));
        assertThat(stored.get("promise_kept_rate").asDouble()).isEqualTo(0.75);
        assertThat(stored.get("net_recovery_clp").asLong()).isEqualTo(150_000 - 22_500);
    }

    @Test
    void cohortsAndDeadLettersRoundTrip() {
        CohortRecovery cohort = new CohortRecovery(CLIENT, YearMonth.of(2025, 2), 3, 900_000,
                new long[] {100_000, 200_000, 300_000, 400_000, 500_000}, 9);
        writer.writeCohorts(List.of(cohort, new CohortRecovery(CLIENT, YearMonth.of(2025, 1), 0, 0, new long[5], 9)));
        assertThat(queries.cohorts(TenantScope.everyClient(), List.of(CLIENT))).singleElement().usingRecursiveComparison().isEqualTo(cohort);

        RejectedRow bad = new RejectedRow(CLIENT, "raw." + CLIENT + ".erp.invoices", 0, 17, "{\"id\":4}", "invoices", "rut",
                "check digit", "{}", 1_700_000_000_000L);
        writer.writeDeadLetters(List.of(bad));
        writer.writeDeadLetters(List.of(bad)); // a replay of the same record
        assertThat(queries.deadLetterCounts(TenantScope.everyClient(), List.of(CLIENT, OTHER))).containsExactly(java.util.Map.entry(CLIENT, 1L));
        assertThat(queries.deadLetters(TenantScope.everyClient(), List.of(CLIENT), 10)).containsExactly(bad);
    }

    private static DailyKpis sales(String client, LocalDate day, long salesClp, long version) {
        return new DailyKpis(client, day, 0, 0, 0, 0, new long[6], 0, salesClp, 0, 0, 0, 0, version);
    }

    @Test
    void salesByMonthAddTheClientsDailySales() {
        String a = "kq-sales-a";
        String b = "kq-sales-b";
        writer.writeDaily(List.of(sales(a, LocalDate.of(2024, 12, 31), 1_000, 1), sales(a, LocalDate.of(2025, 1, 5), 100_000, 1),
                sales(a, LocalDate.of(2025, 1, 20), 20_000, 1), sales(b, LocalDate.of(2025, 1, 31), 5_000, 1),
                sales(b, LocalDate.of(2025, 2, 1), 7_000, 1), sales(b, LocalDate.of(2025, 2, 10), 0, 1),
                sales(a, LocalDate.of(2025, 3, 1), 50_000, 1), sales(a, LocalDate.of(2025, 3, 2), 60_000, 1)));
        // a newer version of Jan 5 replaces the old one instead of adding to it
        writer.writeDaily(List.of(sales(a, LocalDate.of(2025, 1, 5), 90_000, 2)));
        // Jan: 90 000 + 20 000 + 5 000; Feb: 7 000; Mar 1 only (the range ends on Mar 1): 50 000; Dec is outside
        assertThat(queries.salesByMonth(TenantScope.everyClient(), List.of(a, b), LocalDate.of(2025, 1, 1), LocalDate.of(2025, 3, 1)))
                .containsExactly(java.util.Map.entry(YearMonth.of(2025, 1), 115_000L),
                        java.util.Map.entry(YearMonth.of(2025, 2), 7_000L), java.util.Map.entry(YearMonth.of(2025, 3), 50_000L));
        // only b: Jan 5 000, Feb 7 000
        assertThat(queries.salesByMonth(TenantScope.everyClient(), List.of(b), LocalDate.of(2024, 1, 1), LocalDate.of(2025, 12, 31)))
                .containsExactly(java.util.Map.entry(YearMonth.of(2025, 1), 5_000L), java.util.Map.entry(YearMonth.of(2025, 2), 7_000L));
        assertThat(queries.salesByMonth(TenantScope.everyClient(), List.of("kq-nobody"), LocalDate.of(2024, 1, 1), LocalDate.of(2025, 12, 31))).isEmpty();
        assertThat(queries.salesByMonth(TenantScope.everyClient(), List.of(), LocalDate.of(2024, 1, 1), LocalDate.of(2025, 12, 31))).isEmpty();
    }

    @Test
    void rowsOfTheLatestDayOfAnyClient() {
        String a = "kq-latest-a";
        String b = "kq-latest-b";
        writer.writeDaily(List.of(sales(a, LocalDate.of(2025, 5, 10), 1, 1), sales(a, LocalDate.of(2025, 5, 12), 5, 1),
                sales(b, LocalDate.of(2025, 5, 12), 2, 1), sales(b, LocalDate.of(2025, 5, 20), 3, 1)));
        writer.writeDaily(List.of(sales(b, LocalDate.of(2025, 5, 12), 4, 2))); // b's May 12, newer version
        TenantScope all = TenantScope.everyClient();
        // May 15: both have May 12, b's newest version
        assertThat(queries.latestDayRows(all, List.of(b, a), LocalDate.of(2025, 5, 15)))
                .extracting(DailyKpis::clientId, DailyKpis::day, DailyKpis::salesClp)
                .containsExactly(tuple(a, LocalDate.of(2025, 5, 12), 5L), tuple(b, LocalDate.of(2025, 5, 12), 4L));
        // May 25: only b has May 20, so a is absent
        assertThat(queries.latestDayRows(all, List.of(a, b), LocalDate.of(2025, 5, 25)))
                .extracting(DailyKpis::clientId, DailyKpis::day).containsExactly(tuple(b, LocalDate.of(2025, 5, 20)));
        // ... unless b is outside the caller's scope: then a's May 12
        assertThat(queries.latestDayRows(TenantScope.of(List.of(a)), List.of(a, b), LocalDate.of(2025, 5, 25)))
                .extracting(DailyKpis::clientId, DailyKpis::day).containsExactly(tuple(a, LocalDate.of(2025, 5, 12)));
        assertThat(queries.latestDayRows(all, List.of(a), LocalDate.of(2025, 5, 11)))
                .extracting(DailyKpis::clientId, DailyKpis::day).containsExactly(tuple(a, LocalDate.of(2025, 5, 10)));
        assertThat(queries.latestDayRows(all, List.of(a, b), LocalDate.of(2025, 5, 9))).isEmpty();
        assertThat(queries.latestDayRows(all, List.of(), LocalDate.of(2025, 5, 9))).isEmpty();
    }

    @Test
    void clientsWithTheirNewestNames() {
        writer.upsertClients(List.of(new ClientInfo("kq-client-b", "Beta", "76.222.222-2"),
                new ClientInfo("kq-client-a", "Alfa", "76.111.111-1")));
        writer.upsertClients(List.of(new ClientInfo("kq-client-a", "Alfa SpA", "76.111.111-1")));
        assertThat(queries.clients(TenantScope.everyClient())).filteredOn(c -> c.clientId().startsWith("kq-client-")).containsExactly(
                new ClientInfo("kq-client-a", "Alfa SpA", "76.111.111-1"), new ClientInfo("kq-client-b", "Beta", "76.222.222-2"));
        // one client: its newest name, and nothing for a client outside the scope or not in the table
        assertThat(queries.client(TenantScope.of(List.of("kq-client-a")), "kq-client-a"))
                .hasValue(new ClientInfo("kq-client-a", "Alfa SpA", "76.111.111-1"));
        assertThat(queries.client(TenantScope.of(List.of("kq-client-a")), "kq-client-b")).isEmpty();
        assertThat(queries.client(TenantScope.everyClient(), "kq-client-z")).isEmpty();
        assertThat(queries.client(TenantScope.everyClient(), "x' OR 1 = 1 --")).isEmpty();
    }

    @Test
    void newestSourceStatusWins() {
        java.time.Instant t0 = java.time.Instant.parse("2026-12-03T10:00:00Z");
        writer.writeSourceStatus(List.of(new SourceStatus("kq-src", CLIENT, "POSTGRESQL", "RUNNING", 10, 2048L, "", t0)));
        writer.writeSourceStatus(List.of(new SourceStatus("kq-src", CLIENT, "POSTGRESQL", "RETRYING", 12, null,
                "Connection refused", t0.plusSeconds(5))));
        assertThat(queries.sourceStatus(TenantScope.everyClient())).filteredOn(s -> s.source().equals("kq-src")).containsExactly(
                new SourceStatus("kq-src", CLIENT, "POSTGRESQL", "RETRYING", 12, null, "Connection refused", t0.plusSeconds(5)));
    }
}
