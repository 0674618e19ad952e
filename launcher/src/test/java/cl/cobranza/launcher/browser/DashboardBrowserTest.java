package cl.cobranza.launcher.browser;

import cl.cobranza.core.access.Role;
import cl.cobranza.core.kpi.KpiDefinitions;
import cl.cobranza.launcher.LocalStack;
import cl.cobranza.launcher.SharedStack;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The owner dashboard in real Chromium over invoices this test wrote into its own client's ERP: tiles and the
 * aging, trend and cohort charts show the numbers worked out by hand from those rows (or, for the ratios, the
 * JSON API's), and an owner cannot open another client's dashboard.
 */
@ExtendWith({SharedStack.class, WithBrowser.class})
class DashboardBrowserTest {
    /** current, 1-30, 31-60, 61-90, 91-120, 121+ (the stack's aging edges 30/60/90/120). */
    private static final long[] AGING = {500_000, 1_190_000, 200_000, 0, 0, 250_000};
    private static final long OPEN = 2_140_000;
    private static final long OVERDUE = 1_640_000;
    private static final long COLLECTED_TODAY = 100_000;
    private static final String CORDILLERA = "Constructora Cordillera SpA";
    private static final String ACONCAGUA = "Comercial Aconcagua Ltda";

    private static TestTenant tenant;
    private static TestTenant other;
    private static Browser browser;
    private static LocalDate today;
    /** Due date of the oldest invoice: its placement cohort is the dashboard's first. */
    private static LocalDate oldestDue;

    @BeforeAll
    static void setUp(LocalStack stack, Browser b) throws Exception {
        browser = b.at(stack);
        today = TestTenant.today();
        tenant = TestTenant.create(stack, "br-panel", "Distribuidora Maipo");
        other = TestTenant.create(stack, "br-ajeno", "Importadora Reservada");

        long maipo = tenant.customer("96.511.470-K", CORDILLERA);
        long aconcagua = tenant.customer("78.123.456-7", ACONCAGUA);
        // current: due in 20 days
        tenant.invoice(5001, maipo, today.minusDays(10), today.plusDays(20), 500_000);
        // 10 days past due → 1-30
        tenant.invoice(5002, maipo, today.minusDays(40), today.minusDays(10), 1_190_000);
        // 45 days past due, 100.000 paid today → 200.000 open in 31-60
        long partlyPaid = tenant.invoice(5003, aconcagua, today.minusDays(75), today.minusDays(45), 300_000);
        tenant.payment(partlyPaid, today, COLLECTED_TODAY);
        // 130 days past due → 121+
        oldestDue = today.minusDays(130);
        tenant.invoice(5004, aconcagua, today.minusDays(160), oldestDue, 250_000);

        long reserved = other.customer("61.002.003-8", "Deudor Reservado SA");
        other.invoice(9001, reserved, today.minusDays(50), today.minusDays(20), 777_777);

        await("the test invoices in the API").atMost(60, SECONDS).pollInterval(200, MILLISECONDS).ignoreExceptions()
                .until(() -> tenant.admin().kpi(tenant.id(), KpiDefinitions.OPEN_RECEIVABLES).asLong() == OPEN
                        && tenant.admin().kpi(tenant.id(), KpiDefinitions.OVERDUE_RECEIVABLES).asLong() == OVERDUE
                        && tenant.admin().kpi(other.id(), KpiDefinitions.OPEN_RECEIVABLES).asLong() == 777_777
                        && tenant.admin().read("/api/v1/clients/" + tenant.id() + "/debtors").path("debtors")
                        .findValuesAsText("name").containsAll(List.of(CORDILLERA, ACONCAGUA)));
    }

    private static void openDashboardAsOwner() {
        browser.login(tenant.user(Role.OWNER), TestTenant.PASSWORD);
        browser.open("/dashboard.html?client=" + tenant.id());
        browser.waitReady();
    }

    @Test
    void tilesShowTheAmountsOfTheInvoicesWrittenToTheErp() throws Exception {
        openDashboardAsOwner();
        Map<String, String> tiles = tiles();
        browser.screenshot("owner", "dashboard");

        assertThat(tiles).containsKeys(KpiDefinitions.OPEN_RECEIVABLES, KpiDefinitions.OVERDUE_RECEIVABLES);
        // by hand: 500.000 + 1.190.000 + (300.000 − 100.000) + 250.000; overdue leaves out the current one
        assertThat(Long.parseLong(tiles.get(KpiDefinitions.OPEN_RECEIVABLES))).isEqualTo(OPEN);
        assertThat(Long.parseLong(tiles.get(KpiDefinitions.OVERDUE_RECEIVABLES))).isEqualTo(OVERDUE);
        // what is shown is the formatted raw value: 2.140.000 in es-CL
        assertThat(tileText(KpiDefinitions.OPEN_RECEIVABLES)).contains("2.140.000");

        // the most overdue debtors, by hand: Cordillera 1.190.000 overdue of 1.690.000 open, then Aconcagua with
        // 200.000 + 250.000 overdue and open
        List<WebElement> debtors = browser.driver().findElements(By.cssSelector("tr[data-debtor]"));
        assertThat(debtors).hasSize(2);
        assertThat(debtors.get(0).getText()).contains(CORDILLERA).contains("1.190.000").contains("1.690.000");
        assertThat(debtors.get(1).getText()).contains(ACONCAGUA).contains("450.000");

        // every other tile: the number the JSON API gives for the same client (empty where it has none)
        JsonNode kpis = tenant.admin().read("/api/v1/clients/" + tenant.id() + "/kpis").path("kpis");
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        kpis.forEach(k -> byId.put(k.path("id").asText(), k.path("value")));
        for (Map.Entry<String, String> tile : tiles.entrySet()) {
            JsonNode api = byId.get(tile.getKey());
            assertThat(api).as("tile " + tile.getKey() + " is a KPI the API knows").isNotNull();
            if (api.isNull()) {
                assertThat(tile.getValue()).as(tile.getKey()).isEmpty();
            } else {
                assertThat(Double.parseDouble(tile.getValue())).as(tile.getKey())
                        .isCloseTo(api.asDouble(), within(Math.abs(api.asDouble()) * 1e-12));
            }
        }
    }

    @Test
    void chartsDrawTheAgingTrendAndCohortsOfThoseInvoices() throws Exception {
        openDashboardAsOwner();
        JsonNode daily = tenant.admin().read("/api/v1/clients/" + tenant.id() + "/kpis/daily?from="
                + today.minusDays(364) + "&to=" + today);
        List<JsonNode> rows = new ArrayList<>();
        daily.path("rows").forEach(rows::add);
        assertThat(rows).isNotEmpty();
        assertThat(rows.get(rows.size() - 1).path("day").asText()).isEqualTo(today.toString());

        // aging: one stacked series per bucket; the newest point of each is today's bucket, worked out by hand
        JsonNode aging = browser.chartSeries("aging");
        assertThat(aging).hasSize(AGING.length);
        for (int b = 0; b < AGING.length; b++) {
            JsonNode data = aging.get(b).path("data");
            assertThat(data.get(data.size() - 1).asLong()).as("today's aging bucket " + b).isEqualTo(AGING[b]);
        }
        // …and each month's point is that month's last daily row of the API
        Map<String, JsonNode> lastOfMonth = new LinkedHashMap<>();
        rows.forEach(r -> lastOfMonth.put(r.path("day").asText().substring(0, 7), r));
        for (int b = 0; b < AGING.length; b++) {
            List<Long> expected = new ArrayList<>();
            for (JsonNode r : lastOfMonth.values()) {
                expected.add(r.path("agingClp").get(b).asLong());
            }
            assertThat(longs(aging.get(b).path("data"))).as("aging bucket " + b + " per month").isEqualTo(expected);
        }

        // trend: DSO, weighted days past due and collections per day; today's collections are the 100.000 paid
        JsonNode trend = browser.chartSeries("trend");
        assertThat(trend).hasSize(3);
        assertThat(browser.chartCategories("trend").size()).isEqualTo(rows.size());
        JsonNode collected = trend.get(2).path("data");
        assertThat(collected.get(collected.size() - 1).asLong()).isEqualTo(COLLECTED_TODAY);
        List<Long> collectedPerDay = new ArrayList<>();
        rows.forEach(r -> collectedPerDay.add(r.path("collectedClp").asLong()));
        assertThat(longs(collected)).isEqualTo(collectedPerDay);
        JsonNode dso = trend.get(0).path("data");
        assertThat(dso.get(dso.size() - 1).asDouble())
                .isCloseTo(rows.get(rows.size() - 1).path("dsoCountback").asDouble(), within(1e-9));

        // cohorts: one line per cohort with a matured horizon, rate × 100, as the API's cohort table has it
        JsonNode cohorts = browser.chartSeries("cohorts");
        List<List<Double>> expected = new ArrayList<>();
        for (JsonNode c : tenant.admin().read("/api/v1/clients/" + tenant.id() + "/kpis/cohorts").path("rows")) {
            List<Double> points = new ArrayList<>();
            boolean any = false;
            for (JsonNode h : c.path("horizons")) {
                boolean shown = h.path("matured").asBoolean() && !h.path("rate").isNull();
                points.add(shown ? h.path("rate").asDouble() * 100 : null);
                any |= shown;
            }
            if (any) {
                expected.add(points);
            }
        }
        List<List<Double>> drawn = new ArrayList<>();
        cohorts.forEach(s -> {
            List<Double> points = new ArrayList<>();
            s.path("data").forEach(p -> points.add(p.isNull() ? null : p.asDouble()));
            drawn.add(points);
        });
        assertThat(drawn).isEqualTo(expected.subList(Math.max(0, expected.size() - 12), expected.size()));
        // by hand: the oldest invoice (placed the day after it fell due) was never paid, so its cohort shows 0 %
        // at 30, 60 and 90 days, all matured (130 days ago), and nothing yet at 180 and 365
        YearMonth oldest = YearMonth.from(oldestDue.plusDays(1));
        assertThat(tenant.admin().read("/api/v1/clients/" + tenant.id() + "/kpis/cohorts").path("rows").get(0)
                .path("cohort").asText()).isEqualTo(oldest.toString());
        assertThat(drawn).isNotEmpty();
        assertThat(drawn.get(0)).containsExactly(0.0, 0.0, 0.0, null, null);
        browser.screenshot("owner", "dashboard-charts");
    }

    @Test
    void anOwnerCannotSeeAnotherClientsDashboard() throws Exception {
        browser.login(tenant.user(Role.OWNER), TestTenant.PASSWORD);
        browser.open("/dashboard.html?client=" + other.id());
        browser.waitReady();
        browser.screenshot("owner", "dashboard-other-client");

        WebElement error = browser.waitFor(By.id("page-error"));
        assertThat(error.isDisplayed()).isTrue();
        assertThat(error.getText()).isEqualTo(browser.text("common.notFound"));
        // no numbers: every tile empty, no chart drawn, nothing of the other client in the page
        assertThat(tiles().values()).allMatch(String::isEmpty);
        for (String chart : List.of("aging", "trend", "cohorts")) {
            JsonNode series = browser.chartSeries(chart);
            assertThat(series.isNull() || series.isEmpty()).as(chart + " has no series").isTrue();
        }
        String text = browser.driver().findElement(By.tagName("body")).getText();
        assertThat(text).doesNotContain(other.name()).doesNotContain("777.777").doesNotContain("Deudor Reservado");
        // the API agrees: to this owner the other client does not exist
        assertThat(tenant.api(Role.OWNER).get("/api/v1/clients/" + other.id() + "/kpis").status()).isEqualTo(404);
    }

    /** Every tile's KPI id → its data-value (the raw number, empty when the KPI has none). */
    private static Map<String, String> tiles() {
        Map<String, String> out = new LinkedHashMap<>();
        for (WebElement tile : browser.driver().findElements(By.cssSelector("div.tile[data-kpi]"))) {
            out.put(tile.getAttribute("data-kpi"), tile.getAttribute("data-value"));
        }
        return out;
    }

    private static String tileText(String kpi) {
        return browser.driver().findElement(By.cssSelector("div.tile[data-kpi='" + kpi + "']")).getText();
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> out = new ArrayList<>();
        array.forEach(n -> out.add(n.isNull() ? null : n.asLong()));
        return out;
    }
}
