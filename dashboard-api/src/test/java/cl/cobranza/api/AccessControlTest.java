package cl.cobranza.api;

import cl.cobranza.core.risk.DebtorFeatures;
import cl.cobranza.core.risk.RiskFeature;
import cl.cobranza.core.risk.RiskModel;

import cl.cobranza.core.access.Role;
import cl.cobranza.warehouse.ClickHouseServer;
import cl.cobranza.warehouse.ClientInfo;
import cl.cobranza.warehouse.KpiRows;
import cl.cobranza.warehouse.Warehouse;
import cl.cobranza.warehouse.WarehouseWriter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static cl.cobranza.warehouse.InvoiceBuilder.invoice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * Every endpoint for every role: allowed requests answer with that role's clients only; another client's
 * data is refused with exactly the answer a client that does not exist gets; a role without the permission
 * gets 403; nobody anonymous gets anything. The expected roles per endpoint are written out by hand here
 * (as in docs/api.md), not derived from the code under test.
 */
@ExtendWith(ApiExtension.class)
class AccessControlTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MINE = "ac-alfa";
    private static final String OTHER = "ac-beta";
    private static final String NOBODY = "ac-no-existe";
    private static final LocalDate DAY = LocalDate.of(2002, 5, 31);

    private static ApiExtension.Api api;
    private static Warehouse writerWarehouse;
    private static Map<Role, String> users;

    private static final Set<Role> ALL = Set.of(Role.values());
    private static final Set<Role> KPIS = Set.of(Role.OWNER, Role.ACCOUNT_MANAGER, Role.ADMIN);
    private static final Set<Role> WORK = Set.of(Role.OWNER, Role.ACCOUNT_MANAGER, Role.COLLECTOR, Role.ADMIN);
    private static final Set<Role> MANAGERS = Set.of(Role.ACCOUNT_MANAGER, Role.ADMIN);
    private static final Set<Role> ADMIN_ONLY = Set.of(Role.ADMIN);
    private static final Set<Role> RECORDERS = Set.of(Role.COLLECTOR, Role.ADMIN);

    /** A GET endpoint; {c} is replaced by a client id, {i} by that client's invoice. */
    private record Endpoint(String path, Set<Role> roles) {
        boolean perClient() {
            return path.contains("{c}");
        }

        String forClient(String client) {
            String invoice = client.equals(MINE) ? "F-A1" : "F-B1";
            String debtor = client.equals(MINE) ? "d-1" : "d-9";
            return path.replace("{c}", client).replace("{i}", invoice).replace("{d}", debtor);
        }
    }

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("/api/v1/me", ALL),
            new Endpoint("/api/v1/clients", ALL),
            new Endpoint("/api/v1/kpis/definitions", ALL),
            new Endpoint("/api/v1/receivables?asOf=2002-05-31", ALL),
            new Endpoint("/api/v1/clients/{c}/kpis?asOf=2002-05-31", KPIS),
            new Endpoint("/api/v1/clients/{c}/kpis/daily?from=2002-05-01&to=2002-05-31", KPIS),
            new Endpoint("/api/v1/clients/{c}/kpis/monthly?from=2002-05&to=2002-05", KPIS),
            new Endpoint("/api/v1/clients/{c}/kpis/cohorts", KPIS),
            new Endpoint("/api/v1/clients/{c}/debtors?asOf=2002-05-31", WORK),
            new Endpoint("/api/v1/clients/{c}/invoices/{i}", WORK),
            new Endpoint("/api/v1/clients/{c}/debtors/{d}", WORK),
            new Endpoint("/api/v1/clients/{c}/debtors/{d}/status", WORK),
            new Endpoint("/api/v1/worklist?asOf=2002-05-31", WORK),
            new Endpoint("/api/v1/worklist?clientId={c}&asOf=2002-05-31", WORK),
            new Endpoint("/api/v1/worklist?asOf=2002-05-31&format=csv", WORK),
            new Endpoint("/api/v1/clients/{c}/kpis/daily?from=2002-05-01&to=2002-05-31&format=xlsx", KPIS),
            new Endpoint("/api/v1/data-quality/dead-letters", MANAGERS),
            new Endpoint("/api/v1/data-quality/dead-letters?clientId={c}", MANAGERS),
            new Endpoint("/api/v1/data-quality/sources", ADMIN_ONLY),
            new Endpoint("/api/v1/groups", MANAGERS),
            new Endpoint("/api/v1/portfolio?asOf=2002-05-31", MANAGERS),
            new Endpoint("/api/v1/agency/kpis?asOf=2002-05-31", ADMIN_ONLY),
            new Endpoint("/api/v1/admin/users", ADMIN_ONLY),
            new Endpoint("/actuator/prometheus", ADMIN_ONLY));

    @BeforeAll
    static void start(ApiExtension.Api running, ClickHouseServer clickhouse) {
        api = running;
        writerWarehouse = new Warehouse(clickhouse.writerSettings());
        WarehouseWriter writer = new WarehouseWriter(writerWarehouse);
        writer.upsertClients(List.of(new ClientInfo(MINE, "Alfa Accesos SpA", "76.000.001-1"),
                new ClientInfo(OTHER, "Beta Accesos SpA", "76.000.002-2")));
        writer.writeDaily(List.of(KpiRows.daily(MINE, DAY, 100_000, 40_000, 2, 1, 1),
                KpiRows.daily(OTHER, DAY, 900_000, 900_000, 3, 3, 1)));
        writer.writeInvoices(List.of(
                invoice(MINE, "F-A1").debtor("d-1").due(DAY.minusDays(10)).total(40_000).build(),
                invoice(MINE, "F-A2").debtor("d-1").due(DAY.plusDays(10)).total(60_000).build(),
                invoice(OTHER, "F-B1").debtor("d-9").due(DAY.minusDays(40)).total(900_000).build()));
        users = Map.of(
                Role.OWNER, api.user("ac-owner", Role.OWNER, MINE),
                Role.ACCOUNT_MANAGER, api.user("ac-manager", Role.ACCOUNT_MANAGER, MINE),
                Role.COLLECTOR, api.user("ac-collector", Role.COLLECTOR, MINE),
                Role.ADMIN, ApiExtension.ADMIN);
    }

    @AfterAll
    static void stop() {
        writerWarehouse.close();
    }

    @Test
    void everyEndpointForEveryRole() {
        assertSoftly(soft -> {
            for (Endpoint e : ENDPOINTS) {
                for (Role role : Role.values()) {
                    String user = users.get(role);
                    String mine = e.forClient(MINE);
                    HttpResponse<String> own = api.get(mine, user);
                    if (!e.roles().contains(role)) {
                        soft.assertThat(own.statusCode()).as(role + " GET " + mine).isEqualTo(403);
                        continue;
                    }
                    soft.assertThat(own.statusCode()).as(role + " GET " + mine + " → " + own.body()).isEqualTo(200);
                    if (role != Role.ADMIN) {
                        soft.assertThat(own.body()).as(role + " GET " + mine + " shows no other client")
                                .doesNotContain(OTHER).doesNotContain("Beta Accesos");
                    }
                    if (e.perClient()) {
                        HttpResponse<String> other = api.get(e.forClient(OTHER), user);
                        if (role == Role.ADMIN) {
                            soft.assertThat(other.statusCode()).as("admin GET " + e.forClient(OTHER)).isEqualTo(200);
                        } else {
                            HttpResponse<String> unknown = api.get(e.forClient(NOBODY), user);
                            soft.assertThat(other.statusCode()).as(role + " GET " + e.forClient(OTHER)).isEqualTo(404);
                            // the same answer as for a client that does not exist, up to the id itself
                            soft.assertThat(other.body().replace(OTHER, "X").replace("F-B1", "I"))
                                    .as(role + ": another client's 404 tells nothing more than an unknown one's")
                                    .isEqualTo(unknown.body().replace(NOBODY, "X").replace("F-B1", "I"));
                        }
                    }
                }
                soft.assertThat(api.get(e.forClient(MINE), null).statusCode()).as("anonymous GET " + e.path()).isEqualTo(401);
            }
        });
    }

    @Test
    void listsHoldOnlyTheCallersClients() throws Exception {
        for (Role role : List.of(Role.OWNER, Role.ACCOUNT_MANAGER, Role.COLLECTOR)) {
            assertThat(ids(api.get("/api/v1/clients", users.get(role)).body(), "clientId")).as(role.name())
                    .containsExactly(MINE);
            JsonNode me = JSON.readTree(api.get("/api/v1/me", users.get(role)).body());
            assertThat(me.get("role").asText()).isEqualTo(role.name());
            assertThat(ids(me.get("clients").toString(), "clientId")).containsExactly(MINE);
        }
        JsonNode receivables = JSON.readTree(api.get("/api/v1/receivables?asOf=2002-05-31", users.get(Role.OWNER)).body());
        assertThat(ids(receivables.get("clients").toString(), "clientId")).containsExactly(MINE);
        assertThat(receivables.at("/totals/openClp").asLong()).isEqualTo(100_000);
        JsonNode portfolio = JSON.readTree(api.get("/api/v1/portfolio?asOf=2002-05-31", users.get(Role.ACCOUNT_MANAGER)).body());
        assertThat(ids(portfolio.get("clients").toString(), "clientId")).containsExactly(MINE);
        assertThat(ids(api.get("/api/v1/clients", ApiExtension.ADMIN).body(), "clientId")).contains(MINE, OTHER);
        // the collector's worklist: F-A1 is 10 days past due (priority 40,000 × 10); F-A2 is due in 10 days,
        // outside the 5-day preventive window; the other client's F-B1 is not theirs
        JsonNode worklist = JSON.readTree(api.get("/api/v1/worklist?asOf=2002-05-31", users.get(Role.COLLECTOR)).body());
        assertThat(worklist.get("total").asLong()).isEqualTo(1);
        assertThat(worklist.at("/items/0/invoiceId").asText()).isEqualTo("F-A1");
        // ranked by expected recovery: d-1 has no risk row yet, so it scores as a debtor without history; its
        // item adds the points of 10 days past due and 40,000 open
        RiskModel model = RiskModel.bundled();
        double p = RiskModel.probability(model.debtorLogit(DebtorFeatures.asOf(List.of(), false, DAY, model.promiseGraceDays()))
                + model.bins(RiskFeature.DAYS_PAST_DUE).pointsFor(10) + model.bins(RiskFeature.OPEN_CLP).pointsFor(40_000));
        assertThat(worklist.at("/items/0/probability").asDouble()).isCloseTo(p, within(1e-9));
        assertThat(worklist.at("/items/0/priority").asLong()).isEqualTo(Math.round(p * 40_000));
        assertThat(worklist.get("modelVersion").asText()).isEqualTo(model.version());
        assertThat(worklist.at("/items/0/stage").asText()).isEqualTo("EARLY_OVERDUE");
        // groups whose members are not all the manager's are not shown (the run's groups have other clients)
        assertThat(api.get("/api/v1/groups", users.get(Role.ACCOUNT_MANAGER)).body()).isEqualTo("[]");
        assertThat(api.get("/api/v1/groups/norte/kpis", users.get(Role.ACCOUNT_MANAGER)).statusCode()).isEqualTo(404);
    }

    @Test
    void onlyCollectorsAndAdminsRecordWorkAndOnlyOnTheirClients() {
        String action = "{\"invoiceId\":\"%s\",\"channel\":\"CALL\",\"outcome\":\"NO_ANSWER\",\"minutes\":3}";
        for (Role role : Role.values()) {
            HttpResponse<String> own = api.post("/api/v1/clients/" + MINE + "/actions", users.get(role),
                    action.formatted("F-A1"));
            assertThat(own.statusCode()).as(role + " → " + own.body()).isEqualTo(RECORDERS.contains(role) ? 201 : 403);
        }
        HttpResponse<String> other = api.post("/api/v1/clients/" + OTHER + "/actions", users.get(Role.COLLECTOR),
                action.formatted("F-B1"));
        HttpResponse<String> unknown = api.post("/api/v1/clients/" + NOBODY + "/actions", users.get(Role.COLLECTOR),
                action.formatted("F-B1"));
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.body().replace(OTHER, "X")).isEqualTo(unknown.body().replace(NOBODY, "X"));
        // anonymous: without credentials the request is a browser-style one and the CSRF check refuses it first
        HttpResponse<String> anonymous = api.post("/api/v1/clients/" + MINE + "/actions", null, action.formatted("F-A1"));
        assertThat(anonymous.statusCode()).isEqualTo(403);
        assertThat(anonymous.body()).contains("X-XSRF-TOKEN");
    }

    @Test
    void theLiveKpiStreamServesOnlyTheCallersClients() throws Exception {
        String owner = users.get(Role.OWNER);
        java.net.http.HttpRequest own = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(api.base() + "/api/v1/clients/" + MINE + "/kpis/stream"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (owner + ":" + ApiExtension.Api.password(owner)).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .header("Accept", "text/event-stream").build();
        HttpResponse<java.util.stream.Stream<String>> stream = java.net.http.HttpClient.newHttpClient()
                .send(own, HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        try (java.util.stream.Stream<String> lines = stream.body()) {
            String data = lines.filter(l -> l.startsWith("data:")).findFirst().orElseThrow();
            JsonNode first = JSON.readTree(data.substring("data:".length()));
            assertThat(first.get("id").asText()).isEqualTo(MINE);
        }
        HttpResponse<String> other = api.get("/api/v1/clients/" + OTHER + "/kpis/stream", owner);
        HttpResponse<String> unknown = api.get("/api/v1/clients/" + NOBODY + "/kpis/stream", owner);
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.body().replace(OTHER, "X")).isEqualTo(unknown.body().replace(NOBODY, "X"));
        assertThat(api.get("/api/v1/clients/" + MINE + "/kpis/stream", users.get(Role.COLLECTOR)).statusCode()).isEqualTo(403);
    }

    private static List<String> ids(String json, String field) throws Exception {
        List<String> ids = new ArrayList<>();
        for (JsonNode n : JSON.readTree(json)) {
            ids.add(n.get(field).asText());
        }
        return ids;
    }
}
