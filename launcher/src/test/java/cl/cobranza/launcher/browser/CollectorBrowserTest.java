package cl.cobranza.launcher.browser;

import cl.cobranza.core.access.Role;
import cl.cobranza.core.collection.Channel;
import cl.cobranza.core.collection.ClientTerms;
import cl.cobranza.core.kpi.KpiDefinitions;
import cl.cobranza.launcher.LocalStack;
import cl.cobranza.launcher.SharedStack;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A collector's day in real Chromium: the worklist, a debtor's page, a call recorded through the page's form and
 * shown in the debtor's timeline, and then its cost on the client's dashboard once it has gone through the
 * platform database → Debezium → Kafka → Flink → ClickHouse.
 */
@ExtendWith({SharedStack.class, WithBrowser.class})
class CollectorBrowserTest {
    private static final String DEBTOR = "Almacenes Lota Ltda";
    private static final int MINUTES = 6;
    /** By hand: a call costs 120 CLP a minute plus the agent's 250 CLP a minute: 6 × 120 + 6 × 250. */
    private static final long CALL_COST = 6 * 120 + 6 * 250;

    private static TestTenant tenant;
    private static Browser browser;
    private static String invoiceId;

    @BeforeAll
    static void setUp(LocalStack stack, Browser b) throws Exception {
        browser = b.at(stack);
        tenant = TestTenant.create(stack, "br-gestion", "Textiles del Biobío");
        LocalDate today = TestTenant.today();
        long debtor = tenant.customer("76.111.222-8", DEBTOR);
        tenant.invoice(7001, debtor, today.minusDays(45), today.minusDays(15), 800_000);
        await("the invoice and its debtor on the collector's worklist").atMost(60, SECONDS).pollInterval(200, MILLISECONDS)
                .ignoreExceptions().until(() -> {
                    JsonNode items = tenant.api(Role.COLLECTOR).read("/api/v1/worklist?clientId=" + tenant.id()).path("items");
                    return items.size() == 1 && DEBTOR.equals(items.get(0).path("debtorName").asText());
                });
        invoiceId = tenant.api(Role.COLLECTOR).read("/api/v1/worklist?clientId=" + tenant.id())
                .path("items").get(0).path("invoiceId").asText();
    }

    @Test
    void aCallRecordedOnTheDebtorPageShowsInItsTimelineAndInTheCostOnTheDashboard() throws Exception {
        // the stack's terms are the defaults: the hand-worked cost must be theirs
        assertThat(ClientTerms.defaults().actionCostClp(Channel.CALL, MINUTES)).isEqualTo(CALL_COST);
        JsonNode before = tenant.admin().kpi(tenant.id(), KpiDefinitions.COST_PER_INVOICE);
        assertThat(before.isNull()).as("no action yet, no cost per invoice: " + before).isTrue();

        // the dashboard before: the cost tile has no value
        browser.login(tenant.user(Role.ACCOUNT_MANAGER), TestTenant.PASSWORD);
        browser.open("/dashboard.html?client=" + tenant.id());
        browser.waitReady();
        assertThat(costTile()).isEmpty();
        browser.screenshot("account-manager", "dashboard-before-action");

        // the collector's worklist lists the invoice; its debtor link opens the debtor page
        browser.login(tenant.user(Role.COLLECTOR), TestTenant.PASSWORD);
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(d -> browser.location().startsWith("/worklist.html"));
        browser.waitReady();
        WebElement row = browser.waitFor(By.cssSelector("tr[data-invoice='" + invoiceId + "'][data-client='" + tenant.id() + "']"));
        assertThat(row.getText()).contains(DEBTOR).contains("7001").contains("800.000");
        browser.screenshot("collector", "worklist");
        row.findElement(By.cssSelector("a[href*='debtor.html']")).click();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(d -> browser.location().startsWith("/debtor.html"));
        assertThat(browser.location()).contains("client=" + tenant.id()).contains("debtor=");
        browser.waitReady();
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo(DEBTOR);
        browser.screenshot("collector", "debtor");

        // record a 6-minute call through the form
        String notes = "Llamada de prueba " + System.nanoTime() + ": pagará el viernes";
        WebElement form = browser.waitFor(By.id("form-action"));
        browser.fill(form, "invoiceId", invoiceId);
        browser.fill(form, "channel", "CALL");
        browser.fill(form, "outcome", "CONTACTED");
        browser.fill(form, "minutes", Integer.toString(MINUTES));
        browser.fill(form, "notes", notes);
        form.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement status = browser.driver().findElement(By.id("form-status"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .withMessage(() -> "the form never said it saved: " + status.getText())
                .until(d -> "ok".equals(status.getAttribute("data-state")));

        // the timeline shows it
        WebElement entry = new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .withMessage(() -> "no ACTION entry with the notes in the timeline").until(d -> {
                    for (WebElement li : d.findElements(By.cssSelector("li[data-kind='ACTION']"))) {
                        if (li.getText().contains(notes)) {
                            return li;
                        }
                    }
                    return null;
                });
        assertThat(entry.getAttribute("data-invoice")).isEqualTo(invoiceId);
        assertThat(entry.getAttribute("data-date")).isEqualTo(TestTenant.today().toString());
        browser.screenshot("collector", "debtor-after-action");

        // the account manager's dashboard: the cost tile changes to the hand-worked cost (one invoice worked, no
        // fee since nothing was recovered), live over the page's stream; the page is reloaded now and then in
        // case an event is missed
        browser.login(tenant.user(Role.ACCOUNT_MANAGER), TestTenant.PASSWORD);
        browser.open("/dashboard.html?client=" + tenant.id());
        browser.waitReady();
        AtomicLong polls = new AtomicLong();
        await("cost per invoice on the dashboard").atMost(60, SECONDS).pollInterval(500, MILLISECONDS).until(() -> {
            if (polls.incrementAndGet() % 30 == 0) {
                browser.open("/dashboard.html?client=" + tenant.id());
                browser.waitReady();
            }
            return costTile().equals(Long.toString(CALL_COST));
        });
        browser.screenshot("account-manager", "dashboard");
        assertThat(tenant.admin().kpi(tenant.id(), KpiDefinitions.ACTION_COST).asLong()).isEqualTo(CALL_COST);
        assertThat(tenant.admin().kpi(tenant.id(), KpiDefinitions.COST_PER_INVOICE).asDouble()).isEqualTo(CALL_COST);
    }

    private static String costTile() {
        return browser.driver().findElement(By.cssSelector("div.tile[data-kpi='" + KpiDefinitions.COST_PER_INVOICE + "']"))
                .getAttribute("data-value");
    }
}
