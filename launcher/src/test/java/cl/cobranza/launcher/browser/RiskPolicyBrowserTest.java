package cl.cobranza.launcher.browser;

import cl.cobranza.core.access.Role;
import cl.cobranza.core.collection.ContactRules;
import cl.cobranza.launcher.LocalStack;
import cl.cobranza.launcher.SharedStack;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Risk-prioritised worklists and Chile's consumer rules in real Chromium: the collector's worklist shows each item's
 * expected recovery, probability, the score's reasons and the policy's next action (court proposed on a large old
 * debt); a second call to a consumer within a week is refused on the debtor page with the weekly rule, its law and
 * when it becomes allowed; a collector registers a dispute, a manager sees the debtor's status and corrects it, and the
 * collector resolves the dispute.
 * Every expectation holds at any hour: the business debtors' actions are not limited by the consumer rules, and the
 * weekly rule is checked before the hours rule.
 */
@ExtendWith({SharedStack.class, WithBrowser.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RiskPolicyBrowserTest {
    private static final String ANDES = "Comercial Andes SpA";
    private static final String MAULE = "Transportes Maule Ltda";
    private static final String CONSUMER = "María José Pérez Soto";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd-MM-yyyy");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static TestTenant tenant;
    private static Browser browser;
    /** Worklist items by folio, as the API answered once everything was there. */
    private static final Map<Long, JsonNode> items = new HashMap<>();

    @BeforeAll
    static void setUp(LocalStack stack, Browser b) throws Exception {
        browser = b.at(stack);
        tenant = TestTenant.create(stack, "br-riesgo", "Ferretería Los Andes");
        LocalDate today = TestTenant.today();
        long andes = tenant.customer("76.111.222-8", ANDES);
        tenant.invoice(8001, andes, today.minusDays(50), today.minusDays(20), 800_000);
        // 120 days past due and 2.500.000 open: extrajudicial, over both thresholds of a proposed lawsuit
        long maule = tenant.customer("77.333.444-7", MAULE);
        tenant.invoice(8101, maule, today.minusDays(150), today.minusDays(120), 2_500_000);
        tenant.invoice(8102, maule, today.minusDays(70), today.minusDays(40), 300_000);
        // RUT body below 50.000.000: a natural person, a consumer by default
        long consumer = tenant.customer("12.345.678-5", CONSUMER);
        tenant.invoice(8201, consumer, today.minusDays(50), today.minusDays(20), 350_000);
        await("the four invoices on the collector's worklist").atMost(60, SECONDS).pollInterval(200, MILLISECONDS)
                .ignoreExceptions().until(() -> worklist().size() == 4);
        for (JsonNode item : worklist()) {
            items.put(item.path("folio").asLong(), item);
        }
    }

    private static JsonNode worklist() throws Exception {
        return tenant.api(Role.COLLECTOR).read("/api/v1/worklist?clientId=" + tenant.id()).path("items");
    }

    @Test
    @Order(1)
    void theCollectorsWorklistShowsExpectedRecoveryReasonsAndTheNextAction() throws Exception {
        String andesId = items.get(8001L).path("invoiceId").asText();
        String mauleId = items.get(8101L).path("invoiceId").asText();
        browser.login(tenant.user(Role.COLLECTOR), TestTenant.PASSWORD);
        // the debtors' part of the scores arrives from Flink a little after the invoices: the page is compared with
        // an API answer that did not change while the page loaded
        JsonNode[] answer = new JsonNode[1];
        await("the page and the API agree on the scores").atMost(60, SECONDS).pollInterval(1, SECONDS).ignoreExceptions()
                .until(() -> {
                    JsonNode before = tenant.api(Role.COLLECTOR).read("/api/v1/worklist?clientId=" + tenant.id());
                    browser.open("/worklist.html?clientId=" + tenant.id());
                    browser.waitReady();
                    JsonNode after = tenant.api(Role.COLLECTOR).read("/api/v1/worklist?clientId=" + tenant.id());
                    answer[0] = before;
                    return before.path("items").equals(after.path("items"));
                });
        JsonNode page = answer[0];
        JsonNode andes = null;
        JsonNode maule = null;
        for (JsonNode i : page.path("items")) {
            andes = i.path("invoiceId").asText().equals(andesId) ? i : andes;
            maule = i.path("invoiceId").asText().equals(mauleId) ? i : maule;
        }
        // the API's own word, independent of the page
        assertThat(andes.path("policy").path("channel").asText()).isEqualTo("CALL");
        assertThat(andes.path("riskReasons").size()).isPositive();
        assertThat(maule.path("policy").path("legal").asText()).isEqualTo("PROPOSED");

        WebElement row = browser.waitFor(By.cssSelector("tr[data-invoice='" + andesId + "']"));
        // expected recovery in pesos and the probability in es-CL
        assertThat(row.getText()).contains(ANDES).contains("8001").contains("800.000")
                .contains(clp(andes.path("priority").asLong()))
                .contains(percent(andes.path("probability").asDouble()));
        // the next action: channel and the policy's instruction
        WebElement next = row.findElement(By.cssSelector("td.next"));
        assertThat(next.getAttribute("data-policy")).isEqualTo("action");
        assertThat(next.getAttribute("data-channel")).isEqualTo("CALL");
        assertThat(next.getText()).contains(browser.text("channel.CALL"))
                .contains(andes.path("policy").path("instruction").asText());
        // the score's reasons, strongest first
        List<String> chips = new ArrayList<>();
        row.findElements(By.cssSelector("td.why .chips li")).forEach(li -> chips.add(li.getText()));
        List<String> reasons = new ArrayList<>();
        andes.path("riskReasons").forEach(r -> reasons.add(r.asText()));
        assertThat(chips).isEqualTo(reasons.stream().distinct().toList());

        // court proposed on the large old debt
        WebElement legal = browser.waitFor(By.cssSelector("tr[data-invoice='" + mauleId + "']"));
        assertThat(legal.getAttribute("data-legal")).isEqualTo("PROPOSED");
        assertThat(legal.getText()).containsIgnoringCase(browser.text("worklist.legalProposed"));
        // the model version, discreetly
        assertThat(browser.driver().findElement(By.id("model-version")).getText()).contains(page.path("modelVersion").asText());

        // rows come in the API's order: highest expected recovery first
        List<String> order = new ArrayList<>();
        browser.driver().findElements(By.cssSelector("#worklist-rows tr[data-invoice]")).forEach(r -> order.add(r.getAttribute("data-invoice")));
        List<String> apiOrder = new ArrayList<>();
        page.path("items").forEach(i -> apiOrder.add(i.path("invoiceId").asText()));
        assertThat(order).isEqualTo(apiOrder);

        // the filters still narrow the list: only the extrajudicial items
        new Select(browser.driver().findElement(By.id("filter-stage"))).selectByValue("EXTRAJUDICIAL");
        new WebDriverWait(browser.driver(), WAIT).withMessage(() -> "the stage filter never applied: " + browser.location() + ", "
                + browser.driver().findElements(By.cssSelector("#worklist-rows tr[data-invoice]")).size() + " rows").until(d ->
                browser.location().contains("stage=EXTRAJUDICIAL")
                        && d.findElements(By.cssSelector("#worklist-rows tr[data-invoice]")).size() == 2);
        for (WebElement r : browser.driver().findElements(By.cssSelector("#worklist-rows tr[data-invoice]"))) {
            assertThat(r.getText()).contains(MAULE);
        }
        browser.driver().findElement(By.id("filters-clear")).click();
        new WebDriverWait(browser.driver(), WAIT).until(d -> !browser.location().contains("stage=")
                && d.findElements(By.cssSelector("#worklist-rows tr[data-invoice]")).size() == 4);
        browser.screenshot("collector", "worklist-risk");
    }

    @Test
    @Order(2)
    void aSecondCallToAConsumerWithinAWeekIsRefusedWithTheWeeklyRule() throws Exception {
        JsonNode item = items.get(8201L);
        String invoiceId = item.path("invoiceId").asText();
        // the first call, through the API: a few days ago at 10:00, on a day the law allows contacts
        ContactRules rules = ContactRules.chile();
        LocalDate today = TestTenant.today();
        LocalDate first = today.minusDays(2);
        while (!rules.isContactDay(first)) {
            first = first.minusDays(1);
        }
        assertThat(first).isAfter(today.minusDays(6));
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("invoiceId", invoiceId);
        call.put("channel", "CALL");
        call.put("outcome", "NO_ANSWER");
        call.put("minutes", 2);
        call.put("date", first.toString());
        call.put("time", "10:00");
        PlatformApi.Answer recorded = tenant.api(Role.COLLECTOR).post("/api/v1/clients/" + tenant.id() + "/actions", call);
        assertThat(recorded.status()).as("first call: " + recorded.body()).isEqualTo(201);

        browser.login(tenant.user(Role.COLLECTOR), TestTenant.PASSWORD);
        browser.open("/debtor.html?client=" + tenant.id() + "&debtor=" + item.path("debtorId").asText());
        browser.waitReady();
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo(CONSUMER);
        WebElement consumer = browser.waitFor(By.id("status-consumer-value"));
        assertThat(consumer.getAttribute("data-consumer")).isEqualTo("true");
        assertThat(consumer.getAttribute("data-source")).isEqualTo("RUT");

        // the second call, today at the page's default time (now): refused by the weekly rule
        WebElement form = browser.waitFor(By.id("form-action"));
        assertThat(form.findElement(By.name("time")).getAttribute("value")).matches("\\d\\d:\\d\\d");
        browser.fill(form, "invoiceId", invoiceId);
        browser.fill(form, "channel", "CALL");
        browser.fill(form, "outcome", "CONTACTED");
        browser.fill(form, "minutes", "4");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement status = browser.driver().findElement(By.id("form-status"));
        new WebDriverWait(browser.driver(), WAIT).withMessage(() -> "the refusal never showed: " + status.getText())
                .until(d -> "blocked".equals(status.getAttribute("data-state")));
        assertThat(status.getAttribute("data-rule")).isEqualTo("CALL_OR_VISIT_PER_WEEK");
        assertThat(status.getText())
                .contains(browser.text("form.blocked"))
                .contains("Ya se llamó al deudor el " + DAY.format(first))
                .contains("Ley 19.496")
                .contains(browser.text("rule.CALL_OR_VISIT_PER_WEEK"))
                .contains(browser.text("form.blockedFrom"))
                .contains(DAY.format(first.plusDays(7)));
        // nothing was recorded: the debtor's timeline keeps the one call
        JsonNode timeline = tenant.api(Role.COLLECTOR).read("/api/v1/clients/" + tenant.id() + "/debtors/"
                + item.path("debtorId").asText()).path("timeline");
        long actions = 0;
        for (JsonNode e : timeline) {
            actions += "ACTION".equals(e.path("kind").asText()) ? 1 : 0;
        }
        assertThat(actions).isEqualTo(1);
        browser.screenshot("collector", "debtor-blocked");
    }

    @Test
    @Order(3)
    void aCollectorRegistersADisputeAndAManagerSeesAndCorrectsTheStatus() throws Exception {
        JsonNode item = items.get(8101L);
        JsonNode disputed = items.get(8102L);
        String debtorPage = "/debtor.html?client=" + tenant.id() + "&debtor=" + item.path("debtorId").asText();

        // the collector registers the debtor's dispute of the smaller invoice on the page
        browser.login(tenant.user(Role.COLLECTOR), TestTenant.PASSWORD);
        browser.open(debtorPage);
        browser.waitReady();
        browser.driver().findElement(By.id("tab-dispute")).click();
        WebElement form = browser.waitFor(By.id("form-dispute"));
        browser.fill(form, "invoiceId", disputed.path("invoiceId").asText());
        browser.fill(form, "source", "DEBTOR");
        browser.fill(form, "notes", "El deudor dice que la mercadería llegó dañada");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement status = browser.driver().findElement(By.id("form-status"));
        new WebDriverWait(browser.driver(), WAIT).withMessage(() -> "the dispute was not saved: " + status.getText())
                .until(d -> "ok".equals(status.getAttribute("data-state")));
        WebElement dispute = browser.waitFor(By.cssSelector("#dispute-rows tr[data-invoice='" + disputed.path("invoiceId").asText() + "']"));
        assertThat(dispute.getAttribute("data-open")).isEqualTo("true");
        assertThat(dispute.findElements(By.cssSelector("button.resolve"))).hasSize(1);

        // the manager: the status panel, the proposed lawsuit, the forms; no resolve button (collectors resolve)
        browser.login(tenant.user(Role.ACCOUNT_MANAGER), TestTenant.PASSWORD);
        browser.open(debtorPage);
        browser.waitReady();
        assertThat(browser.waitFor(By.id("status-manage")).isDisplayed()).isTrue();
        assertThat(browser.driver().findElement(By.id("legal-flag")).getText()).isEqualToIgnoringCase(browser.text("worklist.legalProposed"));
        assertThat(browser.driver().findElement(By.id("form-legal")).isDisplayed()).isTrue();
        WebElement managerRow = browser.waitFor(By.cssSelector("#dispute-rows tr[data-open='true']"));
        assertThat(managerRow.findElements(By.cssSelector("button.resolve"))).isEmpty();
        WebElement consumer = browser.driver().findElement(By.id("status-consumer-value"));
        assertThat(consumer.getAttribute("data-consumer")).isEqualTo("false");
        assertThat(consumer.getAttribute("data-source")).isEqualTo("RUT");

        // the manager records that the debtor is a business (manually): the panel and the API say so
        WebElement statusForm = browser.driver().findElement(By.id("form-debtor-status"));
        browser.fill(statusForm, "consumer", "false");
        statusForm.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement saved = browser.driver().findElement(By.id("manage-status"));
        new WebDriverWait(browser.driver(), WAIT).withMessage(() -> "the status was not saved: " + saved.getText())
                .until(d -> "ok".equals(saved.getAttribute("data-state")));
        new WebDriverWait(browser.driver(), WAIT).until(d ->
                "MANUAL".equals(d.findElement(By.id("status-consumer-value")).getAttribute("data-source")));
        JsonNode api = tenant.api(Role.ACCOUNT_MANAGER).read("/api/v1/clients/" + tenant.id() + "/debtors/"
                + item.path("debtorId").asText() + "/status");
        assertThat(api.path("consumerSource").asText()).isEqualTo("MANUAL");
        assertThat(api.path("consumer").asBoolean()).isFalse();
        browser.driver().findElement(By.id("legal-reason")).sendKeys("Deuda de 120 días sin respuesta a la carta");
        browser.screenshot("manager", "debtor-status");

        // the collector resolves the dispute: the row says so and the button is gone
        browser.login(tenant.user(Role.COLLECTOR), TestTenant.PASSWORD);
        browser.open(debtorPage);
        browser.waitReady();
        browser.waitFor(By.cssSelector("#dispute-rows tr[data-open='true'] button.resolve")).click();
        new WebDriverWait(browser.driver(), WAIT).withMessage(() -> "the dispute was not resolved: "
                        + browser.driver().findElement(By.id("status-message")).getText())
                .until(d -> d.findElements(By.cssSelector("#dispute-rows tr[data-open='false']")).size() == 1);
        assertThat(browser.driver().findElements(By.cssSelector("#dispute-rows button.resolve"))).isEmpty();
        assertThat(browser.driver().findElement(By.id("status-message")).getText()).isEqualTo(browser.text("debtor.resolved"));
    }

    /** $2.500.000 as the Spanish pages write it. */
    private static String clp(long v) {
        return "$" + String.format(java.util.Locale.ROOT, "%,d", v).replace(',', '.');
    }

    /** 0.345 as "34,5" (es-CL, one decimal), the number of the page's "34,5 %". */
    private static String percent(double p) {
        return String.format(java.util.Locale.ROOT, "%.1f", p * 100).replace('.', ',');
    }
}
