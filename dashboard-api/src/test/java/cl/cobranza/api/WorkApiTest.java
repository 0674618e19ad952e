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

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static cl.cobranza.warehouse.InvoiceBuilder.invoice;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write path: a collector records actions, promises and payment plans; they land in the platform
 * PostgreSQL (where the capture picks them up) and show at once on the debtor page; bad bodies get a 400
 * naming the field.
 */
@ExtendWith(ApiExtension.class)
class WorkApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT = "wk-gamma";
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("America/Santiago"));

    private static ApiExtension.Api api;
    private static Warehouse writerWarehouse;
    private static String collector;

    @BeforeAll
    static void start(ApiExtension.Api running, ClickHouseServer clickhouse) {
        api = running;
        writerWarehouse = new Warehouse(clickhouse.writerSettings());
        WarehouseWriter writer = new WarehouseWriter(writerWarehouse);
        writer.upsertClients(List.of(new ClientInfo(CLIENT, "Gamma Trabajo SpA", "76.000.003-3")));
        writer.writeInvoices(List.of(
                invoice(CLIENT, "G-1").debtor("g-7").folio(11).issued(TODAY.minusDays(60)).due(TODAY.minusDays(30))
                        .total(150_000).build(),
                invoice(CLIENT, "G-2").debtor("g-7").folio(12).issued(TODAY.minusDays(40)).due(TODAY.minusDays(10))
                        .total(200_000).paid(50_000).build(),
                invoice(CLIENT, "G-3").debtor("g-8").folio(13).issued(TODAY.minusDays(40)).due(TODAY.minusDays(10))
                        .total(99_000).build()));
        collector = api.user("wk-collector", Role.COLLECTOR, CLIENT);
    }

    @AfterAll
    static void stop() {
        writerWarehouse.close();
    }

    @Test
    void anActionIsStoredForTheCaptureAndShownOnTheDebtorPage() throws Exception {
        HttpResponse<String> created = api.post("/api/v1/clients/" + CLIENT + "/actions", collector,
                "{\"invoiceId\":\"G-1\",\"channel\":\"call\",\"outcome\":\"CONTACTED\",\"minutes\":7,"
                        + "\"notes\":\"<script>alert(1)</script> dice que paga el viernes\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = JSON.readTree(created.body()).get("id").asLong();
        try (Connection c = DriverManager.getConnection(api.platformJdbcUrl(), "postgres", "postgres");
             ResultSet rs = c.createStatement().executeQuery("SELECT client_id, invoice_id, action_date, channel, outcome,"
                     + " agent_minutes, notes, recorded_by FROM collections.collection_actions WHERE id = " + id)) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("client_id")).isEqualTo(CLIENT);
            assertThat(rs.getString("invoice_id")).isEqualTo("G-1");
            assertThat(rs.getObject("action_date", LocalDate.class)).isEqualTo(TODAY);
            assertThat(rs.getString("channel")).isEqualTo("CALL");
            assertThat(rs.getInt("agent_minutes")).isEqualTo(7);
            assertThat(rs.getString("notes")).startsWith("<script>"); // stored as typed; pages print it as text
            assertThat(rs.getString("recorded_by")).isEqualTo(collector);
        }
        JsonNode page = JSON.readTree(api.get("/api/v1/clients/" + CLIENT + "/debtors/g-7", collector).body());
        assertThat(page.get("openClp").asLong()).isEqualTo(150_000 + 150_000);
        assertThat(page.get("overdueClp").asLong()).isEqualTo(300_000);
        assertThat(kinds(page)).contains("ACTION", "INVOICE");
        assertThat(page.get("invoices")).hasSize(2);
    }

    @Test
    void aPlanSplitsItsInstalmentsIntoPromisesOldestInvoiceFirst() throws Exception {
        String body = ("{\"debtorId\":\"g-7\",\"invoiceIds\":[\"G-2\",\"G-1\"],\"instalments\":["
                + "{\"dueDate\":\"%s\",\"amountClp\":200000},{\"dueDate\":\"%s\",\"amountClp\":100000}]}")
                .formatted(TODAY.plusDays(15), TODAY.plusDays(45));
        HttpResponse<String> created = api.post("/api/v1/clients/" + CLIENT + "/payment-plans", collector, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        // G-1 is due first (150,000 open): 200,000 → 150,000 on G-1 + 50,000 on G-2; then 100,000 on G-2
        List<String> promises = new ArrayList<>();
        for (JsonNode p : JSON.readTree(created.body()).get("promises")) {
            promises.add(p.get("invoiceId").asText() + " " + p.get("promisedDate").asText() + " " + p.get("amountClp").asLong());
        }
        assertThat(promises).containsExactly("G-1 " + TODAY.plusDays(15) + " 150000", "G-2 " + TODAY.plusDays(15) + " 50000",
                "G-2 " + TODAY.plusDays(45) + " 100000");
        JsonNode page = JSON.readTree(api.get("/api/v1/clients/" + CLIENT + "/debtors/g-7", collector).body());
        assertThat(kinds(page)).contains("PLAN", "PROMISE");
    }

    @Test
    void badBodiesAreRefusedNamingTheField() throws Exception {
        String base = "/api/v1/clients/" + CLIENT;
        assertField(api.post(base + "/actions", collector, "{\"invoiceId\":\"G-1\",\"channel\":\"FAX\",\"outcome\":\"CONTACTED\"}"), "channel");
        assertField(api.post(base + "/actions", collector, "{\"invoiceId\":\"G-1\",\"channel\":\"SMS\",\"outcome\":\"MAYBE\"}"), "outcome");
        assertField(api.post(base + "/actions", collector, "{\"invoiceId\":\"G-1\",\"channel\":\"SMS\",\"outcome\":\"DELIVERED\",\"minutes\":\"diez\"}"), "minutes");
        assertField(api.post(base + "/actions", collector, "{\"invoiceId\":\"G-1\",\"channel\":\"SMS\",\"outcome\":\"DELIVERED\",\"color\":\"rojo\"}"), "color");
        assertField(api.post(base + "/actions", collector, "{\"channel\":\"SMS\",\"outcome\":\"DELIVERED\"}"), "invoiceId");
        assertField(api.post(base + "/actions", collector, "{\"invoiceId\":\"G-1\",\"channel\":\"SMS\",\"outcome\":\"DELIVERED\",\"date\":\"" + TODAY.plusDays(1) + "\"}"), "date");
        assertField(api.post(base + "/actions", collector, "no es json"), "body");
        assertField(api.post(base + "/promises", collector, "{\"invoiceId\":\"G-3\",\"amountClp\":99001,\"promisedDate\":\"" + TODAY.plusDays(3) + "\"}"), "amountClp");
        assertField(api.post(base + "/promises", collector, "{\"invoiceId\":\"G-3\",\"amountClp\":1000,\"promisedDate\":\"31-12-2026\"}"), "promisedDate");
        assertField(api.post(base + "/payment-plans", collector, "{\"debtorId\":\"g-8\",\"invoiceIds\":[\"G-1\"],\"instalments\":[{\"dueDate\":\"" + TODAY.plusDays(3) + "\",\"amountClp\":10}]}"), "invoiceIds");
        HttpResponse<String> unknownInvoice = api.post(base + "/promises", collector, "{\"invoiceId\":\"G-404\",\"amountClp\":1,\"promisedDate\":\"" + TODAY + "\"}");
        assertThat(unknownInvoice.statusCode()).isEqualTo(404);
    }

    private static void assertField(HttpResponse<String> response, String field) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("field").asText()).as(response.body()).isEqualTo(field);
    }

    private static List<String> kinds(JsonNode page) {
        List<String> kinds = new ArrayList<>();
        page.get("timeline").forEach(e -> kinds.add(e.get("kind").asText()));
        return kinds;
    }
}
