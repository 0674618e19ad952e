package cl.cobranza.api;

import cl.cobranza.warehouse.ClickHouseExtension;
import cl.cobranza.warehouse.ClickHouseServer;
import cl.cobranza.warehouse.ClientInfo;
import cl.cobranza.warehouse.KpiRows;
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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static cl.cobranza.warehouse.InvoiceBuilder.invoice;
import static org.assertj.core.api.Assertions.assertThat;

/** The API as the launcher runs it ({@link CobranzaApi#start}), over real HTTP, against a real ClickHouse. */
@ExtendWith(ApiExtension.class)
class CobranzaApiTest {
    private static final ZoneId SANTIAGO = ZoneId.of("America/Santiago");
    private static final LocalDate JAN_31_2001 = LocalDate.of(2001, 1, 31);
    private static final LocalDate MAR_15_2001 = LocalDate.of(2001, 3, 15);
    private static final LocalDate MAR_31_2001 = LocalDate.of(2001, 3, 31);
    private static final String USER = ApiExtension.ADMIN;
    private static final String PASSWORD = ApiExtension.ADMIN_PASSWORD;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Warehouse writerWarehouse;
    private static WarehouseWriter writer;
    private static String base;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start(ApiExtension.Api api, ClickHouseServer clickhouse) {
        writerWarehouse = new Warehouse(clickhouse.writerSettings());
        writer = new WarehouseWriter(writerWarehouse);
        // 2001 dates keep these numbers apart from the live test's rows, which are dated today
        writer.upsertClients(List.of(new ClientInfo("api-alfa", "Alfa Ltda.", "76.111.111-1"),
                new ClientInfo("api-beta", "Beta SpA", "76.222.222-2")));
        writer.writeDaily(List.of(
                KpiRows.daily("api-alfa", MAR_15_2001, 900_000, 100_000, 4, 1, 1),
                KpiRows.daily("api-alfa", MAR_31_2001, 1_234_567, 234_567, 5, 2, 1),
                KpiRows.daily("api-beta", MAR_15_2001, 500_000, 0, 2, 0, 1)));
        writer.writeDaily(List.of(KpiRows.daily("api-alfa", MAR_31_2001, 1_250_000, 250_000, 6, 2, 2)));
        writer.writeInvoices(List.of(
                invoice("api-alfa", "F-33-1001").debtor("77.777.777-7").folio(1001).issued(LocalDate.of(2001, 1, 1))
                        .due(JAN_31_2001).total(500_000).credited(50_000).paid(100_000).build(),
                invoice("api-alfa", "F-33-1002").due(JAN_31_2001).total(80_000).paid(80_000).build(),
                invoice("api-alfa", "F-33-1003").due(JAN_31_2001).total(70_000).build()));
        writer.writeInvoices(List.of(invoice("api-alfa", "F-33-1003").due(JAN_31_2001).total(70_000).voided().version(2).build()));

        base = api.base();
    }

    @AfterAll
    static void stop() {
        writerWarehouse.close();
    }

    @Test
    void receivablesAsOfAPastDate() throws Exception {
        HttpResponse<String> response = get("/api/v1/receivables?asOf=2001-03-31", true);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());

        assertThat(body.get("asOf").asText()).isEqualTo("2001-03-31");
        assertThat(body.get("definition").asText()).startsWith("Por cobrar: saldo abierto").contains("Vencido:");
        assertThat(client(body, "api-alfa")).isEqualTo(JSON.readTree("""
                {"clientId":"api-alfa","name":"Alfa Ltda.","openClp":1250000,"overdueClp":250000,
                 "openInvoices":6,"overdueInvoices":2,"asOf":"2001-03-31"}"""));
        assertThat(client(body, "api-beta")).isEqualTo(JSON.readTree("""
                {"clientId":"api-beta","name":"Beta SpA","openClp":500000,"overdueClp":0,
                 "openInvoices":2,"overdueInvoices":0,"asOf":"2001-03-15"}"""));
        // only api-alfa and api-beta have rows dated 2001; any other client adds zeros
        assertThat(body.get("totals")).isEqualTo(JSON.readTree("""
                {"openClp":1750000,"overdueClp":250000,"openInvoices":8,"overdueInvoices":2}"""));

        JsonNode before = JSON.readTree(get("/api/v1/receivables?asOf=2001-03-01", true).body());
        assertThat(client(before, "api-alfa").get("openClp").asLong()).isZero();
        assertThat(client(before, "api-alfa").get("asOf").isNull()).isTrue();
    }

    @Test
    void asOfDefaultsToTodayInSantiago() throws Exception {
        LocalDate before = LocalDate.now(SANTIAGO);
        JsonNode body = JSON.readTree(get("/api/v1/receivables", true).body());
        LocalDate after = LocalDate.now(SANTIAGO);
        assertThat(body.get("asOf").asText()).isIn(before.toString(), after.toString());
    }

    @Test
    void badAsOfIs400WithTheField() throws Exception {
        for (String bad : List.of("2001-13-01", "2001-02-30", "31-03-2001", "ayer")) {
            HttpResponse<String> response = get("/api/v1/receivables?asOf=" + bad, true);
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.get("field").asText()).isEqualTo("asOf");
            assertThat(body.get("reason").asText()).contains("expected yyyy-MM-dd");
        }
    }

    @Test
    void invoiceStates() throws Exception {
        LocalDate today = LocalDate.now(SANTIAGO);
        HttpResponse<String> open = get("/api/v1/clients/api-alfa/invoices/F-33-1001", true);
        assertThat(open.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(open.body());
        long daysPastDue = body.get("daysPastDue").asLong();
        // 500.000 − 50.000 credited − 100.000 paid = 350.000 open, due 2001-01-31
        assertThat(daysPastDue).isIn(ChronoUnit.DAYS.between(JAN_31_2001, today),
                ChronoUnit.DAYS.between(JAN_31_2001, LocalDate.now(SANTIAGO)));
        assertThat(body).isEqualTo(JSON.readTree("""
                {"clientId":"api-alfa","invoiceId":"F-33-1001","debtorId":"77.777.777-7","dteType":33,"folio":1001,
                 "issueDate":"2001-01-01","dueDate":"2001-01-31","totalClp":500000,"creditedClp":50000,"paidClp":100000,
                 "openClp":350000,"daysPastDue":%d,"status":"abierta"}""".formatted(daysPastDue)));

        JsonNode paid = JSON.readTree(get("/api/v1/clients/api-alfa/invoices/F-33-1002", true).body());
        assertThat(paid.get("status").asText()).isEqualTo("pagada");
        assertThat(paid.get("openClp").asLong()).isZero();
        assertThat(paid.get("daysPastDue").asLong()).isZero();

        JsonNode voided = JSON.readTree(get("/api/v1/clients/api-alfa/invoices/F-33-1003", true).body());
        assertThat(voided.get("status").asText()).isEqualTo("anulada");
        assertThat(voided.get("openClp").asLong()).isZero();
        assertThat(voided.get("totalClp").asLong()).isEqualTo(70_000);

        HttpResponse<String> missing = get("/api/v1/clients/api-alfa/invoices/F-33-9999", true);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(missing.body()).get("field").asText()).isEqualTo("invoiceId");
        assertThat(get("/api/v1/clients/api-beta/invoices/F-33-1001", true).statusCode()).isEqualTo(404);
    }

    @Test
    void apiNeedsCredentials() throws Exception {
        HttpResponse<String> anonymous = get("/api/v1/receivables", false);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Basic"));
        HttpResponse<String> wrong = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/receivables"))
                .header("Authorization", basic(USER, "wrong")).build());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/clients/api-alfa/invoices/F-33-1001", false).statusCode()).isEqualTo(401);
    }

    @Test
    void pageAssetsAndLogin() throws Exception {
        HttpResponse<String> echarts = get("/webjars/echarts/dist/echarts.min.js", false);
        assertThat(echarts.statusCode()).isEqualTo(200);
        assertThat(echarts.body()).contains("echarts").hasSizeGreaterThan(500_000);

        HttpResponse<String> login = get("/login.html", false);
        assertThat(login.statusCode()).as("the login page is open").isEqualTo(200);
        assertThat(login.body()).contains("name=\"username\"").contains("name=\"password\"");

        HttpResponse<String> anonymousPage = get("/dashboard.html", false);
        assertThat(anonymousPage.statusCode()).isEqualTo(302);
        assertThat(anonymousPage.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login.html"));

        HttpResponse<String> page = get("/dashboard.html", true);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("/webjars/echarts/dist/echarts.min.js").contains("/dashboard.js");
        assertThat(get("/dashboard.js", true).body()).contains("EventSource");
        assertThat(get("/app.js", true).body()).contains("es-CL");
    }

    @Test
    void streamSendsOnConnectAndWhenDataChanges() throws Exception {
        LocalDate today = LocalDate.now(SANTIAGO);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/receivables/stream"))
                .header("Authorization", basic(USER, PASSWORD)).header("Accept", "text/event-stream").build();
        HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        BlockingQueue<String[]> events = new LinkedBlockingQueue<>();
        Thread reader = readEvents(response.body(), events);
        try {
            String[] first = events.poll(10, TimeUnit.SECONDS);
            assertThat(first).as("first event").isNotNull();
            assertThat(first[0]).isEqualTo("receivables");
            JsonNode firstBody = JSON.readTree(first[1]);
            assertThat(firstBody.get("asOf").asText()).isIn(today.toString(), LocalDate.now(SANTIAGO).toString());

            writer.upsertClients(List.of(new ClientInfo("api-live", "En Vivo SpA", "76.999.999-9")));
            writer.writeDaily(List.of(KpiRows.daily("api-live", today, 4_321, 1_000, 2, 1, 1)));

            JsonNode live = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (live == null && System.nanoTime() < deadline) {
                String[] next = events.poll(1, TimeUnit.SECONDS);
                if (next != null) {
                    JsonNode row = client(JSON.readTree(next[1]), "api-live");
                    if (row != null && row.get("openClp").asLong() == 4_321) {
                        live = row;
                    }
                }
            }
            assertThat(live).as("an event with the new client's numbers").isNotNull();
            assertThat(live.get("overdueClp").asLong()).isEqualTo(1_000);
        } finally {
            reader.interrupt();
            response.body().close();
        }
    }

    private static JsonNode client(JsonNode body, String clientId) {
        for (JsonNode c : body.get("clients")) {
            if (c.get("clientId").asText().equals(clientId)) {
                return c;
            }
        }
        return null;
    }

    /** Parses "event:" / "data:" lines into (name, data) pairs until the stream ends. */
    private static Thread readEvents(InputStream in, BlockingQueue<String[]> events) {
        Thread thread = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String name = null;
                StringBuilder data = new StringBuilder();
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.isEmpty()) {
                        if (data.length() > 0) {
                            events.add(new String[] {name, data.toString()});
                        }
                        name = null;
                        data.setLength(0);
                    } else if (line.startsWith("event:")) {
                        name = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5));
                    }
                }
            } catch (IOException closed) {
                // the test closed the stream
            }
        }, "sse-reader");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static HttpResponse<String> get(String path, boolean authenticated) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (authenticated) {
            request.header("Authorization", basic(USER, PASSWORD));
        }
        return send(request.build());
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
