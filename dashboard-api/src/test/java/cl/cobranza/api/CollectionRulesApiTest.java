package cl.cobranza.api;

import cl.cobranza.core.access.Role;
import cl.cobranza.core.chile.ChileHolidays;
import cl.cobranza.core.events.DebtorChanged;
import cl.cobranza.warehouse.ClickHouseServer;
import cl.cobranza.warehouse.ClientInfo;
import cl.cobranza.warehouse.Warehouse;
import cl.cobranza.warehouse.WarehouseWriter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static cl.cobranza.warehouse.InvoiceBuilder.invoice;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chile's consumer rules on the write path (issue 6): the API refuses a blocked action with 409, the rule and
 * its source, whatever the hour the test runs at (every action is dated in the past with its time); business
 * debtors are not limited; a lawsuit stops every contact; disputes from the SII register only within 8 days;
 * the consumer flag follows the RUT until a manager corrects it, and collectors may not.
 */
@ExtendWith(ApiExtension.class)
class CollectionRulesApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT = "cr-delta";
    private static final ZoneId SANTIAGO = ZoneId.of("America/Santiago");
    private static final LocalDate TODAY = LocalDate.now(SANTIAGO);
    private static final ChileHolidays HOLIDAYS = ChileHolidays.bundled();

    private static ApiExtension.Api api;
    private static Warehouse writerWarehouse;
    private static String collector;
    private static String manager;

    @BeforeAll
    static void start(ApiExtension.Api running, ClickHouseServer clickhouse) {
        api = running;
        writerWarehouse = new Warehouse(clickhouse.writerSettings());
        WarehouseWriter writer = new WarehouseWriter(writerWarehouse);
        writer.upsertClients(List.of(new ClientInfo(CLIENT, "Delta Reglas SpA", "76.000.004-4")));
        // p-1..p-4: natural persons (RUT below 50 million): consumers; e-1: a company
        writer.writeDebtors(List.of(
                new DebtorChanged(CLIENT, "p-1", "12345678-5", "Juan Pérez", false, 1),
                new DebtorChanged(CLIENT, "p-2", "12678579-8", "Ana Soto", false, 1),
                new DebtorChanged(CLIENT, "p-3", "15509661-6", "Luis Rojas", false, 1),
                new DebtorChanged(CLIENT, "p-4", "12345678-5", "Marta Díaz", false, 1),
                new DebtorChanged(CLIENT, "p-5", "12678579-8", "Pedro Lagos", false, 1),
                new DebtorChanged(CLIENT, "e-1", "76086428-5", "Comercial Andes SpA", false, 1),
                new DebtorChanged(CLIENT, "e-2", "96511470-K", "Constructora Cordillera SpA", false, 1),
                new DebtorChanged(CLIENT, "e-3", "78123456-7", "Comercial Aconcagua Ltda", false, 1),
                new DebtorChanged(CLIENT, "e-4", "76111222-8", "Almacenes Lota Ltda", false, 1)));
        writer.writeInvoices(List.of(
                invoice(CLIENT, "P1").debtor("p-1").folio(1).issued(TODAY.minusDays(90)).due(TODAY.minusDays(60)).total(100_000).build(),
                invoice(CLIENT, "P1B").debtor("p-4").folio(2).issued(TODAY.minusDays(80)).due(TODAY.minusDays(50)).total(50_000).build(),
                invoice(CLIENT, "P2").debtor("p-2").folio(3).issued(TODAY.minusDays(90)).due(TODAY.minusDays(60)).total(100_000).build(),
                invoice(CLIENT, "P5").debtor("p-5").folio(6).issued(TODAY.minusDays(90)).due(TODAY.minusDays(60)).total(70_000).build(),
                invoice(CLIENT, "P3").debtor("p-3").folio(4).issued(TODAY.minusDays(3)).due(TODAY.plusDays(27)).total(80_000).build(),
                invoice(CLIENT, "E2").debtor("e-2").folio(7).issued(TODAY.minusDays(150)).due(TODAY.minusDays(120)).total(2_000_000).build(),
                invoice(CLIENT, "E3").debtor("e-3").folio(8).issued(TODAY.minusDays(150)).due(TODAY.minusDays(120)).total(3_000_000).build(),
                invoice(CLIENT, "P6").debtor("p-1").folio(9).issued(TODAY.minusDays(70)).due(TODAY.minusDays(40)).total(60_000).build(),
                invoice(CLIENT, "E4").debtor("e-4").folio(10).issued(TODAY.minusDays(80)).due(TODAY.minusDays(50)).total(200_000).build(),
                invoice(CLIENT, "E1").debtor("e-1").folio(5).issued(TODAY.minusDays(90)).due(TODAY.minusDays(60)).total(900_000).build()));
        collector = api.user("cr-collector", Role.COLLECTOR, CLIENT);
        manager = api.user("cr-manager", Role.ACCOUNT_MANAGER, CLIENT);
    }

    @AfterAll
    static void stop() {
        writerWarehouse.close();
    }

    /** The most recent day at least {@code daysBack} ago that is a {@code dow} and not a public holiday. */
    private static LocalDate past(DayOfWeek dow, int daysBack) {
        LocalDate d = TODAY.minusDays(daysBack);
        while (d.getDayOfWeek() != dow || HOLIDAYS.isHoliday(d)) {
            d = d.minusDays(1);
        }
        return d;
    }

    private static HttpResponse<String> action(String invoice, String channel, LocalDate date, String time) {
        return api.post("/api/v1/clients/" + CLIENT + "/actions", collector,
                "{\"invoiceId\":\"%s\",\"channel\":\"%s\",\"outcome\":\"NO_ANSWER\",\"minutes\":2,\"date\":\"%s\",\"time\":\"%s\"}"
                        .formatted(invoice, channel, date, time));
    }

    private static JsonNode blocked(HttpResponse<String> r, String rule) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("rule").asText()).isEqualTo(rule);
        assertThat(body.get("field").asText()).isEqualTo("channel");
        assertThat(body.get("source").asText()).contains("19.496");
        assertThat(body.get("reason").asText()).isNotBlank();
        return body;
    }

    @Test
    void aConsumerIsContactedOnlyMondayToSaturdayFromEightToEight() throws Exception {
        LocalDate monday = past(DayOfWeek.MONDAY, 8);
        blocked(action("P5", "EMAIL", monday, "07:59"), "OUTSIDE_HOURS");
        blocked(action("P5", "EMAIL", monday, "20:00"), "OUTSIDE_HOURS");
        LocalDate sunday = past(DayOfWeek.SUNDAY, 8);
        blocked(action("P5", "EMAIL", sunday, "10:00"), "SUNDAY");
        HttpResponse<String> eight = action("P5", "EMAIL", monday, "08:00");
        assertThat(eight.statusCode()).as(eight.body()).isEqualTo(201);
        // a business debtor is not a consumer: the same hours are not limited
        assertThat(action("E1", "EMAIL", monday, "07:59").statusCode()).isEqualTo(201);
        assertThat(action("E1", "EMAIL", sunday, "10:00").statusCode()).isEqualTo(201);
    }

    @Test
    void oneCallOrVisitPerWeekAcrossAllTheDebtorsInvoices() throws Exception {
        LocalDate tuesday = past(DayOfWeek.TUESDAY, 9);
        assertThat(action("P2", "CALL", tuesday, "10:00").statusCode()).isEqualTo(201);
        JsonNode body = blocked(action("P2", "VISIT", tuesday.plusDays(3), "11:00"), "CALL_OR_VISIT_PER_WEEK");
        assertThat(body.get("earliestAllowed").asText()).isNotBlank();
        // another invoice of another debtor is another count
        assertThat(action("E1", "CALL", tuesday.plusDays(3), "11:00").statusCode()).isEqualTo(201);
    }

    @Test
    void messagesAtLeastTwoDaysApartAndAtMostTwoAWeek() throws Exception {
        LocalDate monday = past(DayOfWeek.MONDAY, 8);
        while (HOLIDAYS.isHoliday(monday.plusDays(2))) { // the Wednesday message must be allowed by the calendar
            monday = past(DayOfWeek.MONDAY, (int) (TODAY.toEpochDay() - monday.toEpochDay()) + 1);
        }
        assertThat(action("P1B", "SMS", monday, "09:00").statusCode()).isEqualTo(201);
        blocked(action("P1B", "WHATSAPP", monday.plusDays(1), "09:00"), "MESSAGES_TWO_DAYS_APART");
        assertThat(action("P1B", "WHATSAPP", monday.plusDays(2), "09:00").statusCode()).isEqualTo(201);
        blocked(action("P1B", "EMAIL", monday.plusDays(4), "09:00"), "MESSAGES_PER_WEEK");
    }

    @Test
    void aBackdatedActionOnAConsumerNeedsItsTime() throws Exception {
        HttpResponse<String> r = api.post("/api/v1/clients/" + CLIENT + "/actions", collector,
                "{\"invoiceId\":\"P5\",\"channel\":\"EMAIL\",\"outcome\":\"DELIVERED\",\"date\":\"%s\"}"
                        .formatted(TODAY.minusDays(2)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).get("field").asText()).isEqualTo("time");
    }

    @Test
    void aLawsuitStopsEveryContactAndOnlyManagersRecordIt() throws Exception {
        String status = "/api/v1/clients/" + CLIENT + "/debtors/e-1/status";
        String body = "{\"consumer\":null,\"lawsuitServedOn\":\"" + TODAY.minusDays(40) + "\",\"insolvencyOn\":null}";
        assertThat(api.put(status, collector, body).statusCode()).isEqualTo(403);
        HttpResponse<String> set = api.put(status, manager, body);
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(JSON.readTree(set.body()).get("consumer").asBoolean()).isFalse();
        JsonNode r = JSON.readTree(action("E1", "LETTER", past(DayOfWeek.WEDNESDAY, 10), "10:00").body());
        assertThat(r.get("rule").asText()).isEqualTo("LAWSUIT_SERVED");
        // clearing it (a mistaken entry) lets collection go on
        assertThat(api.put(status, manager, "{\"consumer\":null,\"lawsuitServedOn\":null,\"insolvencyOn\":null}")
                .statusCode()).isEqualTo(200);
        assertThat(action("E1", "LETTER", past(DayOfWeek.WEDNESDAY, 10), "10:00").statusCode()).isEqualTo(201);
    }

    @Test
    void theConsumerFlagFollowsTheRutUntilAManagerCorrectsIt() throws Exception {
        String status = "/api/v1/clients/" + CLIENT + "/debtors/p-3/status";
        JsonNode before = JSON.readTree(api.get(status, collector).body());
        assertThat(before.get("consumer").asBoolean()).isTrue();
        assertThat(before.get("consumerSource").asText()).isEqualTo("RUT");
        JsonNode after = JSON.readTree(api.put(status, manager, "{\"consumer\":false}").body());
        assertThat(after.get("consumer").asBoolean()).isFalse();
        assertThat(after.get("consumerSource").asText()).isEqualTo("MANUAL");
        assertThat(action("P3", "EMAIL", past(DayOfWeek.SUNDAY, 8), "10:00").statusCode()).isEqualTo(201);
    }

    @Test
    void anSiiClaimOnlyWithinEightDaysOfIssueAndOneOpenDisputePerInvoice() throws Exception {
        String disputes = "/api/v1/clients/" + CLIENT + "/disputes";
        HttpResponse<String> late = api.post(disputes, collector,
                "{\"invoiceId\":\"P2\",\"source\":\"SII\",\"openedOn\":\"" + TODAY.minusDays(1) + "\"}");
        assertThat(late.statusCode()).as(late.body()).isEqualTo(400);
        assertThat(JSON.readTree(late.body()).get("field").asText()).isEqualTo("openedOn");
        HttpResponse<String> sii = api.post(disputes, collector,
                "{\"invoiceId\":\"P3\",\"source\":\"SII\",\"openedOn\":\"" + TODAY.minusDays(1) + "\",\"notes\":\"reclamo\"}");
        assertThat(sii.statusCode()).as(sii.body()).isEqualTo(201);
        long id = JSON.readTree(sii.body()).get("id").asLong();
        assertThat(api.post(disputes, collector, "{\"invoiceId\":\"P3\"}").statusCode()).isEqualTo(400);
        HttpResponse<String> resolved = api.post(disputes + "/" + id + "/resolution", collector,
                "{\"resolvedOn\":\"" + TODAY + "\",\"notes\":\"nota de crédito emitida\"}");
        assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
        assertThat(JSON.readTree(resolved.body()).get("resolvedOn").asText()).isEqualTo(TODAY.toString());
        JsonNode status = JSON.readTree(api.get("/api/v1/clients/" + CLIENT + "/debtors/p-3/status", collector).body());
        assertThat(status.get("disputes")).hasSize(1);
    }

    @Test
    void legalEscalationIsProposedByThePolicyAndDecidedByAManager() throws Exception {
        String e2 = "/api/v1/clients/" + CLIENT + "/debtors/e-2/legal-decisions";
        String approve = "{\"decision\":\"APPROVED\",\"reason\":\"120 días, sin respuesta\"}";
        assertThat(api.post(e2, collector, approve).statusCode()).as("collectors do not decide").isEqualTo(403);
        // E1: 60 days overdue and $900.000 open, under the 90 days and $1.000.000 of the default policy
        HttpResponse<String> notProposed = api.post("/api/v1/clients/" + CLIENT + "/debtors/e-1/legal-decisions", manager, approve);
        assertThat(notProposed.statusCode()).as(notProposed.body()).isEqualTo(409);
        assertThat(JSON.readTree(notProposed.body()).get("rule").asText()).isEqualTo("LEGAL_NOT_PROPOSED");
        // before the decision the worklist proposes it and no filing is suggested
        JsonNode before = item(worklist(), "E2");
        assertThat(before.at("/policy/legal").asText()).isEqualTo("PROPOSED");
        assertThat(before.at("/policy/channel").asText()).isNotEqualTo("LEGAL_FILING");
        String status = "/api/v1/clients/" + CLIENT + "/debtors/e-2/status";
        assertThat(JSON.readTree(api.get(status, collector).body()).get("legal").asText()).isEqualTo("PROPOSED");
        HttpResponse<String> decided = api.post(e2, manager, approve);
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(201);
        JsonNode decision = JSON.readTree(decided.body());
        assertThat(decision.get("decision").asText()).isEqualTo("APPROVED");
        assertThat(decision.get("openClp").asLong()).isEqualTo(2_000_000);
        assertThat(decision.get("decidedBy").asText()).isEqualTo(manager);
        assertThat(JSON.readTree(api.get(status, collector).body()).get("legal").asText()).isEqualTo("APPROVED");
        JsonNode after = item(worklist(), "E2");
        assertThat(after.at("/policy/legal").asText()).isEqualTo("APPROVED");
        assertThat(after.at("/policy/channel").asText()).isEqualTo("LEGAL_FILING");
    }

    @Test
    void theWorklistLeavesOutSuedDebtorsAndDisputedInvoices() throws Exception {
        assertThat(item(worklist(), "E3")).isNotNull();
        assertThat(api.put("/api/v1/clients/" + CLIENT + "/debtors/e-3/status", manager,
                "{\"insolvencyOn\":\"" + TODAY.minusDays(5) + "\"}").statusCode()).isEqualTo(200);
        assertThat(item(worklist(), "P6")).isNotNull();
        assertThat(api.post("/api/v1/clients/" + CLIENT + "/disputes", collector,
                "{\"invoiceId\":\"P6\",\"source\":\"DEBTOR\",\"notes\":\"no reconoce la compra\"}").statusCode()).isEqualTo(201);
        JsonNode list = worklist();
        assertThat(item(list, "E3")).as("insolvent debtor").isNull();
        assertThat(item(list, "P6")).as("disputed invoice").isNull();
        assertThat(item(list, "P2")).as("the rest stays").isNotNull();
    }

    @Test
    void theWorklistShowsTheCapOnChargesToAConsumer() throws Exception {
        JsonNode list = worklist();
        // P2: a consumer owes $100.000, 60 days overdue; 10 UF is well above $100.000, so 9 % of it (chile.md)
        assertThat(item(list, "P2").at("/policy/maxChargeClp").asLong()).isEqualTo(9_000);
        assertThat(item(list, "E2").at("/policy/maxChargeClp").isNull()).as("a company: no consumer cap").isTrue();
    }

    @Test
    void anItemInAPaymentPlanThatIsUpToDateIsNotWorked() throws Exception {
        JsonNode before = item(worklist(), "E4");
        assertThat(before.at("/policy/stop").isNull()).as(before.toString()).isTrue();
        assertThat(before.at("/policy/channel").asText()).isNotBlank();
        HttpResponse<String> plan = api.post("/api/v1/clients/" + CLIENT + "/payment-plans", collector,
                ("{\"debtorId\":\"e-4\",\"invoiceIds\":[\"E4\"],\"instalments\":[{\"dueDate\":\"%s\",\"amountClp\":100000},"
                        + "{\"dueDate\":\"%s\",\"amountClp\":100000}]}").formatted(TODAY.plusDays(10), TODAY.plusDays(40)));
        assertThat(plan.statusCode()).as(plan.body()).isEqualTo(201);
        // $200.000 open, all of it in instalments not yet due: the plan is up to date, nothing to do
        JsonNode after = item(worklist(), "E4");
        assertThat(after.at("/policy/stop").asText()).isEqualTo("PLAN_UP_TO_DATE");
        assertThat(after.at("/policy/channel").isNull()).isTrue();
    }

    private static JsonNode worklist() throws Exception {
        HttpResponse<String> r = api.get("/api/v1/worklist?clientId=" + CLIENT + "&limit=50", collector);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static JsonNode item(JsonNode worklist, String invoiceId) {
        for (JsonNode i : worklist.get("items")) {
            if (i.get("invoiceId").asText().equals(invoiceId)) {
                return i;
            }
        }
        return null;
    }
}
