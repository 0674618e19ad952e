package cl.cobranza.api;

import cl.cobranza.core.access.Role;
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

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static cl.cobranza.warehouse.InvoiceBuilder.invoice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * Injection strings (SQL, ClickHouse escapes, HTML/JS) in every path variable, filter and text field of the API
 * (issue 8): every answer is a clear 4xx or an empty result, never a 5xx nor another client's row; text is stored
 * and returned exactly as typed (the pages print it as text); the warehouse and the platform tables are intact.
 */
@ExtendWith(ApiExtension.class)
class InjectionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT = "inj-alfa";
    private static final String OTHER = "inj-beta";
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("America/Santiago"));
    static final List<String> PAYLOADS = List.of(
            "' OR '1'='1", "x' OR 1=1 --", "'; DROP TABLE invoice_state; --", "\\' OR 1=1 --", "x\\\\' --",
            "') UNION ALL SELECT * FROM system.users --", "1; SELECT sleep(3)", "%' --", "\u0000'", "`id`",
            "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "${jndi:ldap://x/a}", "{{7*7}}",
            "../../etc/passwd", "client_id != ''");

    private static ApiExtension.Api api;
    private static Warehouse writerWarehouse;
    private static String collector;
    private static String manager;

    @BeforeAll
    static void start(ApiExtension.Api running, ClickHouseServer clickhouse) {
        api = running;
        writerWarehouse = new Warehouse(clickhouse.writerSettings());
        WarehouseWriter writer = new WarehouseWriter(writerWarehouse);
        writer.upsertClients(List.of(new ClientInfo(CLIENT, "Alfa Inyección SpA", "76.000.005-5"),
                new ClientInfo(OTHER, "Beta Secreta SpA", "76.000.006-6")));
        writer.writeInvoices(List.of(
                invoice(CLIENT, "I-1").debtor("d-1").issued(TODAY.minusDays(40)).due(TODAY.minusDays(10)).total(50_000).build(),
                invoice(OTHER, "S-1").debtor("d-9").issued(TODAY.minusDays(40)).due(TODAY.minusDays(10)).total(777_777).build()));
        collector = api.user("inj-collector", Role.COLLECTOR, CLIENT);
        manager = api.user("inj-manager", Role.ACCOUNT_MANAGER, CLIENT);
    }

    @AfterAll
    static void stop() {
        writerWarehouse.close();
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void injectionInPathsAndFiltersGetsAClearRefusalOrNothing() {
        assertSoftly(soft -> {
            for (String p : PAYLOADS) {
                String e = q(p);
                for (String path : List.of(
                        "/api/v1/worklist?clientId=" + e, "/api/v1/worklist?stage=" + e, "/api/v1/worklist?bucket=" + e,
                        "/api/v1/worklist?channel=" + e, "/api/v1/worklist?limit=" + e, "/api/v1/worklist?asOf=" + e,
                        "/api/v1/clients/" + e + "/debtors", "/api/v1/clients/" + CLIENT + "/debtors/" + e,
                        "/api/v1/clients/" + CLIENT + "/debtors/" + e + "/status",
                        "/api/v1/clients/" + CLIENT + "/invoices/" + e, "/api/v1/clients/" + e + "/kpis",
                        "/api/v1/clients/" + CLIENT + "/kpis/daily?from=" + e,
                        "/api/v1/data-quality/dead-letters?clientId=" + e)) {
                    String user = path.contains("/kpis") || path.contains("data-quality") ? manager : collector;
                    HttpResponse<String> r = api.get(path, user);
                    soft.assertThat(r.statusCode()).as("GET " + path + " → " + r.body()).isIn(200, 400, 404);
                    soft.assertThat(r.body()).as("GET " + path).doesNotContain("777.777").doesNotContain("777777")
                            .doesNotContain("Beta Secreta").doesNotContain(OTHER);
                }
            }
        });
    }

    @Test
    void injectionInTextFieldsIsStoredAsTypedAndHarmless() throws Exception {
        for (String p : PAYLOADS) {
            String notes = "nota " + p;
            HttpResponse<String> r = api.post("/api/v1/clients/" + CLIENT + "/actions", collector,
                    JSON.writeValueAsString(java.util.Map.of("invoiceId", "I-1", "channel", "EMAIL", "outcome",
                            "DELIVERED", "notes", notes)));
            if (p.indexOf('\u0000') >= 0) {
                // no text column stores NUL: a clear 400 naming the field, not a database error
                assertThat(r.statusCode()).as(p + " → " + r.body()).isEqualTo(400);
                assertThat(JSON.readTree(r.body()).get("field").asText()).isEqualTo("notes");
                continue;
            }
            assertThat(r.statusCode()).as(p + " → " + r.body()).isEqualTo(201);
        }
        JsonNode page = JSON.readTree(api.get("/api/v1/clients/" + CLIENT + "/debtors/d-1", collector).body());
        List<String> stored = new java.util.ArrayList<>();
        page.get("timeline").forEach(e -> stored.add(e.path("notes").asText()));
        assertThat(stored).contains("nota <script>alert(1)</script>", "nota '; DROP TABLE invoice_state; --");
        // the injection in a path is an unknown id, not a query: bodies name the field
        HttpResponse<String> bad = api.post("/api/v1/clients/" + CLIENT + "/actions", collector,
                "{\"invoiceId\":\"I-1' OR '1'='1\",\"channel\":\"EMAIL\",\"outcome\":\"DELIVERED\"}");
        assertThat(bad.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(bad.body()).get("field").asText()).isEqualTo("invoiceId");
        // everything is still there
        assertThat(writerWarehouse.query("SELECT count() AS n FROM invoice_state WHERE client_id IN ('"
                + CLIENT + "', '" + OTHER + "')").get(0).get("n").asLong()).isEqualTo(2);
        assertThat(api.get("/api/v1/worklist?clientId=" + CLIENT, collector).statusCode()).isEqualTo(200);
    }

    @Test
    void hugeBodiesAndDatesOutOfRangeGetAClearRefusal() throws Exception {
        String huge = "{\"invoiceId\":\"I-1\",\"channel\":\"EMAIL\",\"outcome\":\"DELIVERED\",\"notes\":\""
                + "x".repeat(200_000) + "\"}";
        HttpResponse<String> r = api.post("/api/v1/clients/" + CLIENT + "/actions", collector, huge);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(r.body()).get("field").asText()).isEqualTo("body");
        for (String path : List.of("/api/v1/worklist?asOf=1900-01-01", "/api/v1/worklist?asOf=2999-12-31",
                "/api/v1/clients/" + CLIENT + "/kpis/monthly?from=0001-01", "/api/v1/clients/" + CLIENT + "/kpis?asOf=99999-01-01")) {
            HttpResponse<String> d = api.get(path, manager);
            assertThat(d.statusCode()).as(path + " → " + d.body()).isEqualTo(400);
            assertThat(JSON.readTree(d.body()).get("field").asText()).isIn("asOf", "from");
        }
    }
}
