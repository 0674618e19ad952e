package cl.cobranza.api;

import cl.cobranza.core.kpi.CohortRecovery;
import cl.cobranza.core.kpi.DailyKpis;
import cl.cobranza.core.kpi.MonthlyKpis;
import cl.cobranza.warehouse.ClickHouseExtension;
import cl.cobranza.warehouse.ClickHouseServer;
import cl.cobranza.warehouse.ClientInfo;
import cl.cobranza.warehouse.InvoiceBuilder;
import cl.cobranza.warehouse.RejectedRow;
import cl.cobranza.warehouse.Warehouse;
import cl.cobranza.warehouse.WarehouseSettings;
import cl.cobranza.warehouse.WarehouseWriter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The KPI endpoints over real HTTP against a real ClickHouse, on rows written by hand in 1994–1995 (apart
 * from every other test's data) for three clients: A and B form the group {@code norte}; C is only in the
 * agency. Every expected number is worked out in the comment next to it; the group's ratios come from the
 * summed components, so they are not the average of A's and B's.
 */
@ExtendWith(ApiExtension.class)
class KpiApiTest {
    private static final ZoneId SANTIAGO = ZoneId.of("America/Santiago");
    private static final double EPS = 1e-6;
    private static final String A = "kt-norte-a";
    private static final String B = "kt-norte-b";
    private static final String C = "kt-sur-c";
    private static final String USER = ApiExtension.ADMIN;
    private static final String PASSWORD = ApiExtension.ADMIN_PASSWORD;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final YearMonth FEB = YearMonth.of(1995, 2);
    private static final YearMonth MARCH = YearMonth.of(1995, 3);
    private static final LocalDate MAR_30 = LocalDate.of(1995, 3, 30);
    private static final LocalDate MAR_31 = LocalDate.of(1995, 3, 31);
    private static final LocalDate JUN_30 = LocalDate.of(1995, 6, 30);

    private static Warehouse writerWarehouse;
    private static String base;

    /** A daily row with the balances given and the rest of the aging in the current bucket. */
    private static DailyKpis day(String client, LocalDate day, long open, long overdue, long[] overdueAging,
                                 long overdueClpDays, long sales, long collected, long sales90, double countback) {
        long[] aging = new long[overdueAging.length + 1];
        aging[0] = open - overdue;
        System.arraycopy(overdueAging, 0, aging, 1, overdueAging.length);
        return new DailyKpis(client, day, open, 3, overdue, overdue > 0 ? 1 : 0, aging, overdueClpDays, sales, 0,
                collected, sales90, countback, 1);
    }

    /** A day whose only point is its credit sales (the group's sales by month). */
    private static DailyKpis sale(String client, LocalDate day, long open, long sales, long sales90) {
        return day(client, day, open, 0, new long[5], 0, sales, 0, sales90, 0);
    }

    private static MonthlyKpis month(String client, YearMonth month, long arStart, long sales, long collected,
                                     long arEnd, long currentArEnd, double countback, long closed, long closedWeight,
                                     long closedWeightDays, long placedStart, long newlyPlaced, long recovered,
                                     long promisesDue, long promisesKept, long attempts, long rightParty, long actions,
                                     long actionCost, long passedOn, long worked, long fee) {
        return new MonthlyKpis(client, month, month.atEndOfMonth(), month.plusMonths(1).atDay(5), arStart, sales, 0,
                collected, arEnd, currentArEnd, countback, closed, closedWeight, closedWeightDays, placedStart,
                newlyPlaced, recovered, promisesDue, promisesKept, attempts, rightParty, actions, actionCost, passedOn,
                worked, fee, 1);
    }

    @BeforeAll
    static void start(ApiExtension.Api api, ClickHouseServer clickhouse) {
        writerWarehouse = new Warehouse(clickhouse.writerSettings());
        WarehouseWriter writer = new WarehouseWriter(writerWarehouse);
        writer.upsertClients(List.of(new ClientInfo(A, "Norte A SpA", "76.100.100-1"),
                new ClientInfo(B, "Norte B Ltda.", "76.200.200-2"), new ClientInfo(C, "Sur C S.A.", "76.300.300-3")));

        // Credit sales: A 100 000 (Jan 10), 200 000 (Feb 10), 150 000 (Mar 10) and 50 000 (Mar 31);
        // B 200 000 (Dec 15, 1994), 400 000 (Feb 15) and 100 000 (Mar 20); C 300 000 (Feb 20).
        // Group norte by month: Dec 200 000, Jan 100 000, Feb 600 000, Mar 300 000 (to the 31st).
        writer.writeDaily(List.of(
                sale(A, LocalDate.of(1995, 1, 10), 100_000, 100_000, 100_000),
                sale(A, LocalDate.of(1995, 2, 10), 250_000, 200_000, 300_000),
                sale(A, LocalDate.of(1995, 3, 10), 300_000, 150_000, 450_000),
                // Mar 30: open 320 000, 100 000 overdue 1-30 (9 days on average)
                day(A, MAR_30, 320_000, 100_000, new long[] {100_000, 0, 0, 0, 0}, 900_000, 0, 0, 450_000, 40.0),
                // Mar 31: open 300 000, 100 000 overdue 1-30 (10 days on average); own countback 45
                day(A, MAR_31, 300_000, 100_000, new long[] {100_000, 0, 0, 0, 0}, 1_000_000, 50_000, 20_000, 500_000, 45.0),
                day(A, JUN_30, 280_000, 80_000, new long[] {80_000, 0, 0, 0, 0}, 800_000, 0, 0, 0, 50.0),
                sale(B, LocalDate.of(1994, 12, 15), 200_000, 200_000, 200_000),
                sale(B, LocalDate.of(1995, 2, 15), 600_000, 400_000, 600_000),
                sale(B, LocalDate.of(1995, 3, 20), 550_000, 100_000, 500_000),
                // Mar 30: open 500 000, 300 000 overdue 31-60 (39 days on average)
                day(B, MAR_30, 500_000, 300_000, new long[] {0, 300_000, 0, 0, 0}, 11_700_000, 0, 0, 500_000, 60.0),
                // Mar 31: open 500 000, 300 000 overdue 31-60 (40 days on average); own countback 59
                day(B, MAR_31, 500_000, 300_000, new long[] {0, 300_000, 0, 0, 0}, 12_000_000, 0, 70_000, 500_000, 59.0),
                sale(C, LocalDate.of(1995, 2, 20), 300_000, 300_000, 300_000),
                day(C, MAR_31, 100_000, 0, new long[5], 0, 0, 0, 300_000, 20.0),
                // C's terms have one edge fewer: 5 buckets, which cannot be added to A's 6
                new DailyKpis(C, JUN_30, 100_000, 1, 0, 0, new long[] {100_000, 0, 0, 0, 0}, 0, 0, 0, 0, 0, 0, 1)));

        writer.writeMonthly(List.of(
                // A, March: CEI (250 000 + 200 000 − 300 000) ÷ (250 000 + 200 000 − 200 000) = 60 %;
                // recovery 50 000 ÷ (80 000 + 20 000) = 0.5; 2 of 2 promises; (10 000 + 7 500) ÷ 2 per invoice
                month(A, MARCH, 250_000, 200_000, 150_000, 300_000, 200_000, 45.0, 1, 100_000, 500_000,
                        80_000, 20_000, 50_000, 2, 2, 4, 1, 5, 10_000, 0, 2, 7_500),
                // B, March: CEI (600 000 + 100 000 − 500 000) ÷ (600 000 + 100 000 − 200 000) = 40 %;
                // recovery 100 000 ÷ (250 000 + 150 000) = 0.25; 0 of 3 promises; (30 000 + 15 000) ÷ 4 per invoice
                month(B, MARCH, 600_000, 100_000, 200_000, 500_000, 200_000, 59.0, 2, 300_000, 9_000_000,
                        250_000, 150_000, 100_000, 3, 0, 6, 3, 10, 30_000, 5_000, 4, 15_000),
                month(C, MARCH, 100_000, 0, 0, 100_000, 100_000, 20.0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                // February: A CEI (100 000 + 200 000 − 250 000) ÷ (100 000 + 200 000 − 200 000) = 50 %,
                // B (300 000 + 400 000 − 600 000) ÷ (300 000 + 400 000 − 350 000) = 28.57 %
                month(A, FEB, 100_000, 200_000, 50_000, 250_000, 200_000, 30.0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                month(B, FEB, 300_000, 400_000, 100_000, 600_000, 350_000, 40.0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)));

        writer.writeCohorts(List.of(
                new CohortRecovery(A, YearMonth.of(1995, 1), 2, 100_000, new long[] {20_000, 40_000, 60_000, 80_000, 90_000}, 1),
                new CohortRecovery(B, YearMonth.of(1995, 1), 1, 300_000, new long[] {30_000, 60_000, 90_000, 120_000, 150_000}, 1),
                new CohortRecovery(B, FEB, 1, 50_000, new long[] {10_000, 10_000, 10_000, 10_000, 10_000}, 1),
                // placed this month: no horizon can have matured yet
                new CohortRecovery(C, YearMonth.now(SANTIAGO), 1, 10_000, new long[5], 1)));

        writer.writeDeadLetters(List.of(
                new RejectedRow(A, "raw." + A + ".erp.invoices", 0, 7, "{\"id\":7}", "invoices", "total", "negative amount", "{}", 1_700_000_000_000L),
                new RejectedRow(A, "raw." + A + ".erp.payments", 0, 9, "{\"id\":9}", "payments", "paid_on", "unreadable date", "{}", 1_700_000_100_000L),
                new RejectedRow(C, "raw." + C + ".erp.invoices", 1, 3, "{}", "invoices", "rut", "check digit", "{}", 1_700_000_050_000L),
                new RejectedRow(null, "raw.unknown", 0, 1, "{}", null, null, "no client in the topic name", "{}", 1_700_000_200_000L)));

        writer.writeDebtors(List.of(new cl.cobranza.core.events.DebtorChanged(A, "7", "76086428-5", "Comercial Andes SpA", false, 1)));
        writer.writeInvoices(List.of(
                InvoiceBuilder.invoice(A, "F1").debtor("7").due(LocalDate.of(1995, 3, 1)).total(200_000).paid(50_000).build(),
                InvoiceBuilder.invoice(A, "F2").debtor("8").due(LocalDate.of(1995, 4, 30)).total(90_000).build()));

        base = api.base();
    }

    @AfterAll
    static void stop() {
        writerWarehouse.close();
    }

    // ---------------------------------------------------------------- catalogue and groups

    @Test
    void definitions() throws Exception {
        JsonNode body = ok("/api/v1/kpis/definitions");
        assertThat(body.size()).isEqualTo(25);
        assertThat(body.get(0).get("id").asText()).isEqualTo("open_receivables");
        JsonNode dso = find(body, "dso_countback");
        assertThat(dso.get("name").asText()).isEqualTo("DSO (método countback)");
        assertThat(dso.get("nameEn").asText()).isEqualTo("DSO, countback");
        assertThat(dso.get("unit").asText()).isEqualTo("days");
        assertThat(dso.get("definition").asText()).contains("36 períodos");
        assertThat(find(body, "cei").get("unit").asText()).isEqualTo("%");
        assertThat(find(body, "promise_kept_rate").get("unit").asText()).isEqualTo("ratio");
        for (JsonNode d : body) {
            assertThat(d.get("definition").asText()).as(d.get("id").asText()).isNotBlank();
        }
    }

    @Test
    void groups() throws Exception {
        assertThat(ok("/api/v1/groups")).isEqualTo(JSON.readTree("""
                [{"groupId":"fantasma","clients":[{"clientId":"kt-nadie","name":null}]},
                 {"groupId":"mixta","clients":[{"clientId":"kt-norte-a","name":"Norte A SpA"},{"clientId":"kt-sur-c","name":"Sur C S.A."}]},
                 {"groupId":"norte","clients":[{"clientId":"kt-norte-a","name":"Norte A SpA"},{"clientId":"kt-norte-b","name":"Norte B Ltda."}]}]"""));
    }

    // ---------------------------------------------------------------- one client

    @Test
    void clientKpisAsOfAMonthEnd() throws Exception {
        JsonNode body = ok("/api/v1/clients/" + A + "/kpis?asOf=1995-03-31");
        assertThat(body.get("scope").asText()).isEqualTo("client");
        assertThat(body.get("name").asText()).isEqualTo("Norte A SpA");
        assertThat(body.get("asOf").asText()).isEqualTo("1995-03-31");
        assertThat(body.get("day").asText()).isEqualTo("1995-03-31");
        assertThat(body.get("month").asText()).isEqualTo("1995-03");
        assertThat(body.get("periodEnd").asText()).isEqualTo("1995-03-31");
        assertThat(body.get("monthAsOf").asText()).isEqualTo("1995-04-05");

        JsonNode open = kpi(body, "open_receivables");
        assertThat(open.get("value").asLong()).isEqualTo(300_000);
        assertThat(open.get("name").asText()).isEqualTo("Por cobrar");
        assertThat(open.get("unit").asText()).isEqualTo("CLP");
        assertThat(open.get("period").asText()).isEqualTo("1995-03-31");
        assertThat(open.get("definition").asText()).isNotBlank();
        assertThat(value(body, "overdue_receivables")).isEqualTo(100_000);
        // stored as the client's ledger computed it
        assertThat(value(body, "dso_countback")).isCloseTo(45.0, within(EPS));
        // 1 000 000 ÷ 100 000
        assertThat(value(body, "weighted_dpd")).isCloseTo(10.0, within(EPS));
        // 300 000 ÷ 500 000 × 90 = 54; BPDSO 200 000 ÷ 500 000 × 90 = 36; ADD 18
        assertThat(value(body, "dso_standard")).isCloseTo(54.0, within(EPS));
        assertThat(value(body, "bpdso")).isCloseTo(36.0, within(EPS));
        assertThat(value(body, "add")).isCloseTo(18.0, within(EPS));
        assertThat(value(body, "cei")).isCloseTo(60.0, within(EPS));
        assertThat(kpi(body, "cei").get("period").asText()).isEqualTo("1995-03");
        assertThat(value(body, "period_recovery_rate")).isCloseTo(0.5, within(EPS));
        assertThat(value(body, "promise_kept_rate")).isCloseTo(1.0, within(EPS));
        // 1 right-party contact in 4 calls and visits
        assertThat(value(body, "right_party_contact_rate")).isCloseTo(0.25, within(EPS));
        // (10 000 + 7 500) ÷ 2; ÷ 50 000 × 100 = 35 %; 50 000 − 7 500 − 0
        assertThat(value(body, "cost_per_invoice")).isCloseTo(8_750.0, within(EPS));
        assertThat(value(body, "cost_to_collect")).isCloseTo(35.0, within(EPS));
        assertThat(value(body, "net_recovery")).isEqualTo(42_500);
        assertThat(value(body, "invoices_worked")).isEqualTo(2);
        // 500 000 × 5 days ÷ 100 000
        assertThat(value(body, "weighted_dpd_at_close")).isCloseTo(5.0, within(EPS));
        // January cohort: 30 days matured Mar 1, 60 days on Mar 31: 20 000 and 40 000 of 100 000; 90 days not yet
        assertThat(value(body, "cohort_recovery_30")).isCloseTo(0.2, within(EPS));
        assertThat(kpi(body, "cohort_recovery_30").get("period").asText()).isEqualTo("1995-01");
        assertThat(value(body, "cohort_recovery_60")).isCloseTo(0.4, within(EPS));
        assertThat(kpi(body, "cohort_recovery_90").get("value").isNull()).isTrue();
        assertThat(value(body, "dead_letters")).isEqualTo(2);

        assertThat(body.get("aging")).isEqualTo(JSON.readTree("""
                {"day":"1995-03-31","definition":%s,"buckets":[{"label":"current","clp":200000},{"label":"1-30","clp":100000},
                 {"label":"31-60","clp":0},{"label":"61-90","clp":0},{"label":"91-120","clp":0},{"label":"121+","clp":0}]}"""
                .formatted(JSON.writeValueAsString(body.get("aging").get("definition").asText()))));
        assertThat(body.get("aging").get("definition").asText()).contains("1-30");

        JsonNode previous = body.get("previousMonth");
        assertThat(previous.get("month").asText()).isEqualTo("1995-02");
        assertThat(previous.get("periodEnd").asText()).isEqualTo("1995-02-28");
        // (100 000 + 200 000 − 250 000) ÷ (100 000 + 200 000 − 200 000) × 100
        assertThat(value(previous, "cei")).isCloseTo(50.0, within(EPS));
        assertThat(value(previous, "dso_countback")).isCloseTo(30.0, within(EPS));
        assertThat(body.get("missingClients")).isEmpty();
    }

    @Test
    void clientKpisMidMonthUseTheNewestEarlierDay() throws Exception {
        JsonNode body = ok("/api/v1/clients/" + A + "/kpis?asOf=1995-03-15");
        // the newest daily row on or before Mar 15 is Mar 10's; the month row is March's, as stored
        assertThat(body.get("day").asText()).isEqualTo("1995-03-10");
        assertThat(value(body, "open_receivables")).isEqualTo(300_000);
        assertThat(kpi(body, "open_receivables").get("period").asText()).isEqualTo("1995-03-10");
        assertThat(body.get("periodEnd").asText()).isEqualTo("1995-03-31");
        // as of Mar 15 the January cohort has matured at 30 days (Mar 1), not yet at 60 (Mar 31)
        assertThat(value(body, "cohort_recovery_30")).isCloseTo(0.2, within(EPS));
        assertThat(kpi(body, "cohort_recovery_60").get("value").isNull()).isTrue();
    }

    @Test
    void clientKpisBeforeAnyDataAreNull() throws Exception {
        JsonNode body = ok("/api/v1/clients/" + A + "/kpis?asOf=1990-01-01");
        assertThat(body.get("day").isNull()).isTrue();
        assertThat(body.get("periodEnd").isNull()).isTrue();
        assertThat(body.get("aging").isNull()).isTrue();
        assertThat(kpi(body, "dso_countback").get("value").isNull()).isTrue();
        assertThat(kpi(body, "cei").get("value").isNull()).isTrue();
        assertThat(body.get("missingClients")).hasSize(1);
    }

    @Test
    void clientDailySeries() throws Exception {
        JsonNode body = ok("/api/v1/clients/" + A + "/kpis/daily?from=1995-03-30&to=1995-03-31");
        assertThat(body.get("from").asText()).isEqualTo("1995-03-30");
        assertThat(body.get("agingLabels")).isEqualTo(JSON.readTree("""
                ["current","1-30","31-60","61-90","91-120","121+"]"""));
        JsonNode rows = body.get("rows");
        assertThat(rows).hasSize(2);
        JsonNode mar31 = rows.get(1);
        assertThat(mar31.get("day").asText()).isEqualTo("1995-03-31");
        assertThat(mar31.get("clients").asInt()).isEqualTo(1);
        assertThat(mar31.get("openClp").asLong()).isEqualTo(300_000);
        assertThat(mar31.get("currentClp").asLong()).isEqualTo(200_000);
        assertThat(mar31.get("agingClp")).isEqualTo(JSON.readTree("[200000,100000,0,0,0,0]"));
        assertThat(mar31.get("salesClp").asLong()).isEqualTo(50_000);
        assertThat(mar31.get("collectedClp").asLong()).isEqualTo(20_000);
        assertThat(mar31.get("dsoCountback").asDouble()).isCloseTo(45.0, within(EPS));
        assertThat(mar31.get("weightedDpd").asDouble()).isCloseTo(10.0, within(EPS));
        assertThat(mar31.get("dsoStandard").asDouble()).isCloseTo(54.0, within(EPS));
        // 900 000 ÷ 100 000
        assertThat(rows.get(0).get("weightedDpd").asDouble()).isCloseTo(9.0, within(EPS));
    }

    @Test
    void clientMonthlySeries() throws Exception {
        JsonNode rows = ok("/api/v1/clients/" + A + "/kpis/monthly?from=1995-01&to=1995-03").get("rows");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("month").asText()).isEqualTo("1995-02");
        JsonNode march = rows.get(1);
        assertThat(march.get("periodEnd").asText()).isEqualTo("1995-03-31");
        assertThat(march.get("arStartClp").asLong()).isEqualTo(250_000);
        assertThat(march.get("recoveredClp").asLong()).isEqualTo(50_000);
        assertThat(march.get("netRecoveryClp").asLong()).isEqualTo(42_500);
        assertThat(march.get("cei").asDouble()).isCloseTo(60.0, within(EPS));
        assertThat(march.get("periodRecoveryRate").asDouble()).isCloseTo(0.5, within(EPS));
        // 300 000 ÷ 200 000 × 31
        assertThat(march.get("dsoStandard").asDouble()).isCloseTo(46.5, within(EPS));
    }

    @Test
    void clientCohorts() throws Exception {
        JsonNode body = ok("/api/v1/clients/" + B + "/kpis/cohorts");
        JsonNode rows = body.get("rows");
        assertThat(rows).hasSize(2);
        JsonNode jan = rows.get(0);
        assertThat(jan.get("cohort").asText()).isEqualTo("1995-01");
        assertThat(jan.get("placedClp").asLong()).isEqualTo(300_000);
        JsonNode h30 = jan.get("horizons").get(0);
        assertThat(h30.get("days").asInt()).isEqualTo(30);
        assertThat(h30.get("recoveredClp").asLong()).isEqualTo(30_000);
        assertThat(h30.get("rate").asDouble()).isCloseTo(0.1, within(EPS));
        assertThat(h30.get("matured").asBoolean()).isTrue();
        // Jan 31 + 29 days
        assertThat(h30.get("maturesOn").asText()).isEqualTo("1995-03-01");
        assertThat(jan.get("horizons").get(4).get("maturesOn").asText()).isEqualTo("1996-01-30");
    }

    // ---------------------------------------------------------------- a group: sums, not averages

    @Test
    void groupKpisAreComputedFromTheSums() throws Exception {
        JsonNode body = ok("/api/v1/groups/norte/kpis?asOf=1995-03-31");
        assertThat(body.get("scope").asText()).isEqualTo("group");
        assertThat(body.get("id").asText()).isEqualTo("norte");
        assertThat(body.get("clients")).isEqualTo(JSON.readTree("[\"kt-norte-a\",\"kt-norte-b\"]"));
        assertThat(body.get("day").asText()).isEqualTo("1995-03-31");
        assertThat(body.get("missingClients")).isEmpty();
        // 300 000 + 500 000; 100 000 + 300 000
        assertThat(value(body, "open_receivables")).isEqualTo(800_000);
        assertThat(value(body, "overdue_receivables")).isEqualTo(400_000);
        // AR 800 000: March's 300 000 → 500 000 left (31 days); February's 600 000 > 500 000 →
        // 31 + 500 000 ÷ 600 000 × 28 = 54.33, not (45 + 59) ÷ 2 = 52
        assertThat(value(body, "dso_countback")).isCloseTo(31 + 500_000.0 / 600_000 * 28, within(EPS));
        // (1 000 000 + 12 000 000) ÷ 400 000 = 32.5, not (10 + 40) ÷ 2 = 25
        assertThat(value(body, "weighted_dpd")).isCloseTo(32.5, within(EPS));
        // 800 000 ÷ 1 000 000 × 90; 400 000 ÷ 1 000 000 × 90
        assertThat(value(body, "dso_standard")).isCloseTo(72.0, within(EPS));
        assertThat(value(body, "bpdso")).isCloseTo(36.0, within(EPS));
        // (850 000 + 300 000 − 800 000) ÷ (850 000 + 300 000 − 400 000) × 100 = 46.67, not (60 + 40) ÷ 2 = 50
        assertThat(value(body, "cei")).isCloseTo(350.0 / 750 * 100, within(EPS));
        // 150 000 ÷ (330 000 + 170 000) = 0.3, not (0.5 + 0.25) ÷ 2
        assertThat(value(body, "period_recovery_rate")).isCloseTo(0.3, within(EPS));
        // 2 ÷ 5, not (1 + 0) ÷ 2
        assertThat(value(body, "promise_kept_rate")).isCloseTo(0.4, within(EPS));
        // (40 000 + 22 500) ÷ 6 = 10 416.67, not (8 750 + 11 250) ÷ 2
        assertThat(value(body, "cost_per_invoice")).isCloseTo(62_500.0 / 6, within(EPS));
        // 150 000 − 22 500 − 5 000
        assertThat(value(body, "net_recovery")).isEqualTo(122_500);
        // (500 000 + 9 000 000) ÷ 400 000
        assertThat(value(body, "weighted_dpd_at_close")).isCloseTo(23.75, within(EPS));
        // newest cohort matured at 30 days: February (B only), 10 000 ÷ 50 000; at 60 days January,
        // (40 000 + 60 000) ÷ 400 000 = 0.25
        assertThat(value(body, "cohort_recovery_30")).isCloseTo(0.2, within(EPS));
        assertThat(value(body, "cohort_recovery_60")).isCloseTo(0.25, within(EPS));
        assertThat(value(body, "dead_letters")).isEqualTo(2);
        assertThat(body.get("aging").get("buckets").get(2)).isEqualTo(JSON.readTree("{\"label\":\"31-60\",\"clp\":300000}"));
        assertThat(body.get("aging").get("buckets").get(0).get("clp").asLong()).isEqualTo(400_000);

        // February as a whole: AR 850 000: Feb 600 000 → 250 000 (28 days); Jan 100 000 → 150 000 (59);
        // Dec 200 000 > 150 000 → 59 + 150 000 ÷ 200 000 × 31 = 82.25
        JsonNode previous = body.get("previousMonth");
        assertThat(value(previous, "dso_countback")).isCloseTo(82.25, within(EPS));
        // (400 000 + 600 000 − 850 000) ÷ (400 000 + 600 000 − 550 000) × 100 = 33.33, not (50 + 28.57) ÷ 2
        assertThat(value(previous, "cei")).isCloseTo(150.0 / 450 * 100, within(EPS));
    }

    @Test
    void aGroupMemberWithoutADailyRowIsListedNotSummed() throws Exception {
        JsonNode body = ok("/api/v1/groups/norte/kpis?asOf=1995-03-25");
        // the newest day on or before Mar 25 with data is Mar 20, when only B has a row
        assertThat(body.get("day").asText()).isEqualTo("1995-03-20");
        assertThat(body.get("missingClients")).isEqualTo(JSON.readTree("[\"kt-norte-a\"]"));
        assertThat(value(body, "open_receivables")).isEqualTo(550_000);
        // B's own sales only: AR 550 000 − March 1–20 100 000 = 450 000 (20 days) − Feb 400 000 = 50 000 (48);
        // January 0 (79); December 200 000 > 50 000 → 79 + 50 000 ÷ 200 000 × 31 = 86.75
        assertThat(value(body, "dso_countback")).isCloseTo(86.75, within(EPS));
    }

    @Test
    void groupDailySeries() throws Exception {
        JsonNode body = ok("/api/v1/groups/norte/kpis/daily?from=1995-03-30&to=1995-03-31");
        JsonNode rows = body.get("rows");
        assertThat(rows).hasSize(2);
        JsonNode mar30 = rows.get(0);
        assertThat(mar30.get("day").asText()).isEqualTo("1995-03-30");
        assertThat(mar30.get("clients").asInt()).isEqualTo(2);
        assertThat(mar30.get("openClp").asLong()).isEqualTo(820_000);
        // AR 820 000 − March 1–30 250 000 = 570 000 (30 days); February 600 000 → 30 + 570 ÷ 600 × 28 = 56.6
        assertThat(mar30.get("dsoCountback").asDouble()).isCloseTo(56.6, within(EPS));
        // (900 000 + 11 700 000) ÷ 400 000
        assertThat(mar30.get("weightedDpd").asDouble()).isCloseTo(31.5, within(EPS));
        JsonNode mar31 = rows.get(1);
        assertThat(mar31.get("dsoCountback").asDouble()).isCloseTo(31 + 500_000.0 / 600_000 * 28, within(EPS));
        assertThat(mar31.get("agingClp")).isEqualTo(JSON.readTree("[400000,100000,300000,0,0,0]"));
        assertThat(mar31.get("collectedClp").asLong()).isEqualTo(90_000);
        assertThat(mar31.get("sales90Clp").asLong()).isEqualTo(1_000_000);
    }

    @Test
    void groupMonthlySeries() throws Exception {
        JsonNode rows = ok("/api/v1/groups/norte/kpis/monthly?from=1995-02&to=1995-03").get("rows");
        assertThat(rows).hasSize(2);
        JsonNode feb = rows.get(0);
        assertThat(feb.get("clients").asInt()).isEqualTo(2);
        assertThat(feb.get("dsoCountback").asDouble()).isCloseTo(82.25, within(EPS));
        assertThat(feb.get("cei").asDouble()).isCloseTo(150.0 / 450 * 100, within(EPS));
        JsonNode march = rows.get(1);
        assertThat(march.get("arStartClp").asLong()).isEqualTo(850_000);
        assertThat(march.get("arEndClp").asLong()).isEqualTo(800_000);
        assertThat(march.get("agencyFeeClp").asLong()).isEqualTo(22_500);
        assertThat(march.get("cei").asDouble()).isCloseTo(350.0 / 750 * 100, within(EPS));
        assertThat(march.get("dsoCountback").asDouble()).isCloseTo(31 + 500_000.0 / 600_000 * 28, within(EPS));
        // (40 000 + 22 500) ÷ 150 000 × 100
        assertThat(march.get("costToCollectPct").asDouble()).isCloseTo(62_500.0 / 150_000 * 100, within(EPS));
        // 4 right-party contacts in 10 calls and visits
        assertThat(march.get("rightPartyContactRate").asDouble()).isCloseTo(0.4, within(EPS));
    }

    @Test
    void groupCohorts() throws Exception {
        JsonNode rows = ok("/api/v1/groups/norte/kpis/cohorts").get("rows");
        assertThat(rows).hasSize(2);
        JsonNode jan = rows.get(0);
        assertThat(jan.get("clients").asInt()).isEqualTo(2);
        assertThat(jan.get("invoices").asLong()).isEqualTo(3);
        assertThat(jan.get("placedClp").asLong()).isEqualTo(400_000);
        // 50 000 ÷ 400 000 = 0.125, not (0.2 + 0.1) ÷ 2 = 0.15
        assertThat(jan.get("horizons").get(0).get("rate").asDouble()).isCloseTo(0.125, within(EPS));
        // 240 000 ÷ 400 000
        assertThat(jan.get("horizons").get(4).get("rate").asDouble()).isCloseTo(0.6, within(EPS));
        assertThat(rows.get(1).get("cohort").asText()).isEqualTo("1995-02");
    }

    @Test
    void aGroupOfUnknownClientsHasNoValues() throws Exception {
        JsonNode body = ok("/api/v1/groups/fantasma/kpis?asOf=1995-03-31");
        assertThat(body.get("day").isNull()).isTrue();
        assertThat(body.get("missingClients")).isEqualTo(JSON.readTree("[\"kt-nadie\"]"));
        assertThat(kpi(body, "open_receivables").get("value").isNull()).isTrue();
        assertThat(ok("/api/v1/groups/fantasma/kpis/daily?from=1995-03-01&to=1995-03-31").get("rows")).isEmpty();
    }

    @Test
    void clientsWithDifferentAgingEdgesCannotBeAddedUp() throws Exception {
        HttpResponse<String> response = get("/api/v1/groups/mixta/kpis?asOf=1995-06-30", true);
        assertThat(response.statusCode()).isEqualTo(409);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.get("field").asText()).isEqualTo("clients");
        assertThat(error.get("reason").asText()).contains("kt-norte-a").contains("kt-sur-c").contains("aging");
    }

    // ---------------------------------------------------------------- the agency

    @Test
    void agencyKpis() throws Exception {
        JsonNode body = ok("/api/v1/agency/kpis?asOf=1995-03-31");
        assertThat(body.get("scope").asText()).isEqualTo("agency");
        assertThat(body.get("clients")).extracting(JsonNode::asText).contains(A, B, C);
        assertThat(body.get("missingClients")).extracting(JsonNode::asText).doesNotContain(A, B, C);
        // 300 000 + 500 000 + 100 000
        assertThat(value(body, "open_receivables")).isEqualTo(900_000);
        // AR 900 000 − March 300 000 = 600 000 (31 days); February 200 000 + 400 000 + 300 000 = 900 000 >
        // 600 000 → 31 + 600 000 ÷ 900 000 × 28 = 49.67
        assertThat(value(body, "dso_countback")).isCloseTo(31 + 600_000.0 / 900_000 * 28, within(EPS));
        // (950 000 + 300 000 − 900 000) ÷ (950 000 + 300 000 − 500 000) × 100
        assertThat(value(body, "cei")).isCloseTo(350.0 / 750 * 100, within(EPS));
        // A 2 + C 1 (the record without a client belongs to nobody's KPIs)
        assertThat(value(body, "dead_letters")).isEqualTo(3);
    }

    @Test
    void agencySeriesAndCohorts() throws Exception {
        JsonNode daily = ok("/api/v1/agency/kpis/daily?from=1995-03-31&to=1995-03-31").get("rows");
        assertThat(daily).hasSize(1);
        assertThat(daily.get(0).get("clients").asInt()).isEqualTo(3);
        assertThat(daily.get(0).get("openClp").asLong()).isEqualTo(900_000);
        JsonNode monthly = ok("/api/v1/agency/kpis/monthly?from=1995-03&to=1995-03").get("rows");
        assertThat(monthly).hasSize(1);
        assertThat(monthly.get(0).get("clients").asInt()).isEqualTo(3);
        assertThat(monthly.get(0).get("arStartClp").asLong()).isEqualTo(950_000);

        JsonNode cohorts = ok("/api/v1/agency/kpis/cohorts");
        LocalDate today = LocalDate.parse(cohorts.get("today").asText());
        assertThat(today).isIn(LocalDate.now(SANTIAGO), LocalDate.now(SANTIAGO).minusDays(1));
        JsonNode current = null;
        for (JsonNode row : cohorts.get("rows")) {
            if (row.get("cohort").asText().equals(YearMonth.from(today).toString())) {
                current = row;
            }
        }
        assertThat(current).as("this month's cohort").isNotNull();
        // this month's cohort: the 30-day horizon matures on the month's last day + 29, after today
        for (JsonNode h : current.get("horizons")) {
            assertThat(h.get("matured").asBoolean()).as("%s days", h.get("days")).isFalse();
        }
        assertThat(current.get("horizons").get(0).get("maturesOn").asText())
                .isEqualTo(YearMonth.from(today).atEndOfMonth().plusDays(29).toString());
    }

    // ---------------------------------------------------------------- data quality

    @Test
    void deadLettersOfOneClient() throws Exception {
        JsonNode body = ok("/api/v1/data-quality/dead-letters?clientId=" + A);
        assertThat(body.get("clientId").asText()).isEqualTo(A);
        assertThat(body.get("total").asLong()).isEqualTo(2);
        assertThat(body.get("counts")).isEqualTo(JSON.readTree("[{\"clientId\":\"kt-norte-a\",\"rejected\":2}]"));
        // newest first
        assertThat(body.get("newest")).isEqualTo(JSON.readTree("""
                [{"clientId":"kt-norte-a","topic":"raw.kt-norte-a.erp.payments","partition":0,"offset":9,"key":"{\\"id\\":9}","table":"payments",
                  "field":"paid_on","reason":"unreadable date","rejectedAt":"2023-11-14T22:15:00Z"},
                 {"clientId":"kt-norte-a","topic":"raw.kt-norte-a.erp.invoices","partition":0,"offset":7,"key":"{\\"id\\":7}","table":"invoices",
                  "field":"total","reason":"negative amount","rejectedAt":"2023-11-14T22:13:20Z"}]"""));
    }

    @Test
    void deadLettersOfEveryClient() throws Exception {
        JsonNode body = ok("/api/v1/data-quality/dead-letters");
        assertThat(body.get("clientId").isNull()).isTrue();
        List<String> counts = new ArrayList<>();
        long sum = 0;
        for (JsonNode c : body.get("counts")) {
            counts.add(c.get("clientId").asText(null) + "=" + c.get("rejected").asLong());
            sum += c.get("rejected").asLong();
        }
        assertThat(counts).contains("kt-norte-a=2", "kt-sur-c=1", "null=1");
        assertThat(body.get("total").asLong()).isEqualTo(sum);
        assertThat(body.get("newest").get(0).get("topic").asText()).isEqualTo("raw.unknown");
        assertThat(body.get("newest").get(0).get("clientId").isNull()).isTrue();
    }

    // ---------------------------------------------------------------- refusals

    @Test
    void unknownClientOrGroupIs404() throws Exception {
        for (String path : List.of("/api/v1/clients/kt-nadie/kpis", "/api/v1/clients/kt-nadie/kpis/daily",
                "/api/v1/clients/kt-nadie/kpis/monthly", "/api/v1/clients/kt-nadie/kpis/cohorts",
                "/api/v1/data-quality/dead-letters?clientId=kt-nadie")) {
            HttpResponse<String> response = get(path, true);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            JsonNode error = JSON.readTree(response.body());
            assertThat(error.get("field").asText()).as(path).isEqualTo("clientId");
            assertThat(error.get("reason").asText()).as(path).contains("kt-nadie");
        }
        for (String path : List.of("/api/v1/groups/sur/kpis", "/api/v1/groups/sur/kpis/daily",
                "/api/v1/groups/sur/kpis/monthly", "/api/v1/groups/sur/kpis/cohorts")) {
            HttpResponse<String> response = get(path, true);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            JsonNode error = JSON.readTree(response.body());
            assertThat(error.get("field").asText()).isEqualTo("groupId");
            assertThat(error.get("reason").asText()).contains("'sur'").contains("norte").contains("cobranza.groups");
        }
    }

    @Test
    void badDatesAndRangesAre400() throws Exception {
        assertBadRequest("/api/v1/clients/" + A + "/kpis?asOf=1995-02-30", "asOf", "expected yyyy-MM-dd");
        assertBadRequest("/api/v1/groups/norte/kpis?asOf=ayer", "asOf", "expected yyyy-MM-dd");
        assertBadRequest("/api/v1/clients/" + A + "/kpis/daily?from=31-03-1995", "from", "expected yyyy-MM-dd");
        assertBadRequest("/api/v1/clients/" + A + "/kpis/daily?from=1995-03-01&to=1995-02-29", "to", "expected yyyy-MM-dd");
        assertBadRequest("/api/v1/clients/" + A + "/kpis/daily?from=1995-03-31&to=1995-03-01", "from", "on or before to");
        assertBadRequest("/api/v1/agency/kpis/daily?from=1992-03-31&to=1995-03-31", "from", "longer than 3 years");
        assertBadRequest("/api/v1/clients/" + A + "/kpis/monthly?from=1995-13", "from", "expected yyyy-MM");
        assertBadRequest("/api/v1/clients/" + A + "/kpis/monthly?to=1995-3-01", "to", "expected yyyy-MM");
        assertBadRequest("/api/v1/groups/norte/kpis/monthly?from=1995-03&to=1995-02", "from", "on or before to");
        assertBadRequest("/api/v1/clients/" + A + "/kpis/monthly?from=1992-03&to=1995-03", "from", "at most 36 months");
        // exactly 3 years is allowed: 1992-04-01 … 1995-03-31, and 1992-04 … 1995-03
        assertThat(get("/api/v1/clients/" + A + "/kpis/daily?from=1992-04-01&to=1995-03-31", true).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/clients/" + A + "/kpis/monthly?from=1992-04&to=1995-03", true).statusCode()).isEqualTo(200);
    }

    @Test
    void everyNewEndpointNeedsCredentials() throws Exception {
        for (String path : List.of("/api/v1/kpis/definitions", "/api/v1/groups", "/api/v1/clients/" + A + "/kpis",
                "/api/v1/clients/" + A + "/kpis/daily", "/api/v1/groups/norte/kpis/monthly", "/api/v1/agency/kpis/cohorts",
                "/api/v1/data-quality/dead-letters")) {
            HttpResponse<String> response = get(path, false);
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).as(path)
                    .hasValueSatisfying(h -> assertThat(h).startsWith("Basic"));
        }
    }

    @Test
    void dashboardPageReadsTheKpiEndpoints() throws Exception {
        assertThat(get("/dashboard.html", true).body()).contains("id=\"chart-aging\"").contains("/dashboard.js");
        assertThat(get("/dashboard.js", true).body()).contains("/kpis/stream").contains("/kpis/cohorts");
    }

    // ---------------------------------------------------------------- helpers

    private static void assertBadRequest(String path, String field, String reason) throws Exception {
        HttpResponse<String> response = get(path, true);
        assertThat(response.statusCode()).as(path).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.get("field").asText()).as(path).isEqualTo(field);
        assertThat(error.get("reason").asText()).as(path).contains(reason);
    }

    private static JsonNode kpi(JsonNode body, String id) {
        return find(body.get("kpis"), id);
    }

    /** The numeric value of a KPI (fails when it is null). */
    private static double value(JsonNode body, String id) {
        JsonNode v = kpi(body, id).get("value");
        assertThat(v.isNumber()).as("%s has a value: %s", id, v).isTrue();
        return v.asDouble();
    }

    private static JsonNode find(JsonNode array, String id) {
        for (JsonNode n : array) {
            if (n.get("id").asText().equals(id)) {
                return n;
            }
        }
        throw new AssertionError("no '" + id + "' in " + array);
    }

    // ---------------------------------------------------------------- debtors

    @Test
    void debtorsMostOverdueFirst() throws Exception {
        JsonNode body = ok("/api/v1/clients/" + A + "/debtors?asOf=1995-03-31");
        JsonNode first = body.get("debtors").get(0);
        // F1: 150 000 open, due Mar 1 → 30 days past due on Mar 31; debtor 8 owes 90 000, not yet due
        assertThat(first.get("debtorId").asText()).isEqualTo("7");
        assertThat(first.get("name").asText()).isEqualTo("Comercial Andes SpA");
        assertThat(first.get("overdueClp").asLong()).isEqualTo(150_000);
        assertThat(first.get("weightedDpd").asDouble()).isEqualTo(30.0);
        assertThat(body.get("debtors").get(1).get("overdueClp").asLong()).isZero();
        assertThat(body.get("debtors").get(1).get("openClp").asLong()).isEqualTo(90_000);
        assertThat(get("/api/v1/clients/" + A + "/debtors?limit=0", true).statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/clients/kt-nadie/debtors", true).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/clients/" + A + "/debtors", false).statusCode()).isEqualTo(401);
    }

    // ---------------------------------------------------------------- operations

    @Test
    void healthIsOpenAndPrometheusMetricsNeedALogin() throws Exception {
        HttpResponse<String> health = get("/actuator/health", false);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(health.body()).get("status").asText()).isEqualTo("UP");
        assertThat(get("/actuator/prometheus", false).statusCode()).isEqualTo(401);
        // the rejected records per client written above: A has 2 (refreshed every 10 s, first at start)
        String wanted = "cobranza_dead_letters{client=\"" + A + "\"} 2.0";
        HttpResponse<String> metrics = get("/actuator/prometheus", true);
        for (long deadline = System.currentTimeMillis() + 20_000;
             !metrics.body().contains(wanted) && System.currentTimeMillis() < deadline; ) {
            Thread.sleep(200);
            metrics = get("/actuator/prometheus", true);
        }
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains(wanted);
    }

    private static JsonNode ok(String path) throws Exception {
        HttpResponse<String> response = get(path, true);
        assertThat(response.statusCode()).as(path + " → " + response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> get(String path, boolean authenticated) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (authenticated) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
