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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static cl.cobranza.warehouse.InvoiceBuilder.invoice;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad requests through every kind of API door, one case each: wrong JSON types, malformed and hostile bodies
 * (arrays, nulls, deep nesting, NUL characters), unknown fields, dates and amounts out of range, bad query
 * parameters and the wrong content type. Each gets a 4xx with the project's error body naming the field
 * (never a 500, never a stored row), and the API keeps answering good requests.
 */
@ExtendWith(ApiExtension.class)
class ApiBadInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT = "bad-api";
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("America/Santiago"));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String ACTIONS = "/api/v1/clients/" + CLIENT + "/actions";
    private static final String PROMISES = "/api/v1/clients/" + CLIENT + "/promises";
    private static final String PLANS = "/api/v1/clients/" + CLIENT + "/payment-plans";
    private static final String STATUS = "/api/v1/clients/" + CLIENT + "/debtors/b-1/status";
    private static final String DISPUTES = "/api/v1/clients/" + CLIENT + "/disputes";
    private static final String LEGAL = "/api/v1/clients/" + CLIENT + "/debtors/b-1/legal-decisions";
    private static final String GOOD_ACTION = "{\"invoiceId\":\"B-1\",\"channel\":\"SMS\",\"outcome\":\"DELIVERED\"";

    private static ApiExtension.Api api;
    private static Warehouse writerWarehouse;

    /** One bad request: who sends it, how, and the status and field the answer must give. */
    record Case(String name, String method, String path, String user, String contentType, String body, int status,
                String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void start(ApiExtension.Api running, ClickHouseServer clickhouse) {
        api = running;
        writerWarehouse = new Warehouse(clickhouse.writerSettings());
        WarehouseWriter writer = new WarehouseWriter(writerWarehouse);
        writer.upsertClients(List.of(new ClientInfo(CLIENT, "Malas Peticiones SpA", "76.000.009-2")));
        writer.writeInvoices(List.of(invoice(CLIENT, "B-1").debtor("b-1").folio(21).issued(TODAY.minusDays(60))
                .due(TODAY.minusDays(30)).total(300_000).build()));
        api.user("bad-collector", Role.COLLECTOR, CLIENT);
        api.user("bad-manager", Role.ACCOUNT_MANAGER, CLIENT);
    }

    @AfterAll
    static void stop() {
        writerWarehouse.close();
    }

    static List<Case> cases() {
        String c = "bad-collector";
        String m = "bad-manager";
        String a = ApiExtension.ADMIN;
        String json = "application/json";
        List<Case> all = new ArrayList<>();
        // bodies that are not the object a form sends
        all.add(new Case("body is a JSON array", "POST", ACTIONS, c, json, "[]", 400, "body"));
        all.add(new Case("body is JSON null", "POST", ACTIONS, c, json, "null", 400, "body"));
        all.add(new Case("body is empty", "POST", ACTIONS, c, json, "", 400, "body"));
        all.add(new Case("body is truncated JSON", "POST", ACTIONS, c, json, GOOD_ACTION, 400, "body"));
        all.add(new Case("body nested 5,000 deep", "POST", ACTIONS, c, json,
                GOOD_ACTION + ",\"notes\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}", 400, "notes"));
        all.add(new Case("body is a form, not JSON", "POST", ACTIONS, c, "application/x-www-form-urlencoded",
                "invoiceId=B-1&channel=SMS&outcome=DELIVERED", 415, "body"));
        // wrong JSON types
        all.add(new Case("channel as an array", "POST", ACTIONS, c, json,
                "{\"invoiceId\":\"B-1\",\"channel\":[\"SMS\"],\"outcome\":\"DELIVERED\"}", 400, "channel"));
        all.add(new Case("minutes as an object", "POST", ACTIONS, c, json, GOOD_ACTION + ",\"minutes\":{\"m\":5}}", 400, "minutes"));
        all.add(new Case("minutes negative", "POST", ACTIONS, c, json, GOOD_ACTION + ",\"minutes\":-5}", 400, "minutes"));
        all.add(new Case("minutes beyond an int", "POST", ACTIONS, c, json, GOOD_ACTION + ",\"minutes\":99999999999}", 400, "minutes"));
        all.add(new Case("amount as a word", "POST", PROMISES, c, json,
                "{\"invoiceId\":\"B-1\",\"amountClp\":\"mil\",\"promisedDate\":\"" + TODAY.plusDays(5) + "\"}", 400, "amountClp"));
        all.add(new Case("amount negative", "POST", PROMISES, c, json,
                "{\"invoiceId\":\"B-1\",\"amountClp\":-1,\"promisedDate\":\"" + TODAY.plusDays(5) + "\"}", 400, "amountClp"));
        all.add(new Case("amount with 30 digits", "POST", PROMISES, c, json,
                "{\"invoiceId\":\"B-1\",\"amountClp\":1" + "0".repeat(29) + ",\"promisedDate\":\"" + TODAY.plusDays(5) + "\"}", 400, "amountClp"));
        all.add(new Case("invoice ids as a string", "POST", PLANS, c, json,
                "{\"debtorId\":\"b-1\",\"invoiceIds\":\"B-1\",\"instalments\":[{\"dueDate\":\"" + TODAY.plusDays(5)
                        + "\",\"amountClp\":300000}]}", 400, "invoiceIds"));
        all.add(new Case("instalments as an object", "POST", PLANS, c, json,
                "{\"debtorId\":\"b-1\",\"invoiceIds\":[\"B-1\"],\"instalments\":{\"dueDate\":\"" + TODAY.plusDays(5) + "\"}}", 400, "instalments"));
        all.add(new Case("no instalments", "POST", PLANS, c, json,
                "{\"debtorId\":\"b-1\",\"invoiceIds\":[\"B-1\"],\"instalments\":[]}", 400, "instalments"));
        all.add(new Case("consumer as a word", "PUT", STATUS, m, json, "{\"consumer\":\"quizas\"}", 400, "consumer"));
        // unknown fields
        all.add(new Case("an unknown nested field", "POST", ACTIONS, c, json, GOOD_ACTION + ",\"extra\":{\"a\":1}}", 400, "extra"));
        all.add(new Case("an unknown field in an instalment", "POST", PLANS, c, json,
                "{\"debtorId\":\"b-1\",\"invoiceIds\":[\"B-1\"],\"instalments\":[{\"dueDate\":\"" + TODAY.plusDays(5)
                        + "\",\"amountClp\":300000,\"interest\":5}]}", 400, "interest"));
        all.add(new Case("an unknown field on a dispute", "POST", DISPUTES, a, json,
                "{\"invoiceId\":\"B-1\",\"source\":\"DEBTOR\",\"priority\":\"high\"}", 400, "priority"));
        // dates and values out of range or malformed
        all.add(new Case("action dated 2026-02-30", "POST", ACTIONS, c, json, GOOD_ACTION + ",\"date\":\"2026-02-30\"}", 400, "date"));
        all.add(new Case("action dated 1900", "POST", ACTIONS, c, json, GOOD_ACTION + ",\"date\":\"1900-01-01\"}", 400, "date"));
        all.add(new Case("promise for the year 2999", "POST", PROMISES, c, json,
                "{\"invoiceId\":\"B-1\",\"amountClp\":1000,\"promisedDate\":\"2999-01-01\"}", 400, "promisedDate"));
        all.add(new Case("promise without a date", "POST", PROMISES, c, json, "{\"invoiceId\":\"B-1\",\"amountClp\":1000}", 400, "promisedDate"));
        all.add(new Case("lawsuit served 'ayer'", "PUT", STATUS, m, json, "{\"lawsuitServedOn\":\"ayer\"}", 400, "lawsuitServedOn"));
        all.add(new Case("dispute opened in 3000", "POST", DISPUTES, a, json,
                "{\"invoiceId\":\"B-1\",\"source\":\"DEBTOR\",\"openedOn\":\"3000-01-01\"}", 400, "openedOn"));
        all.add(new Case("legal decision 'MAYBE'", "POST", LEGAL, m, json, "{\"decision\":\"MAYBE\",\"reason\":\"x\"}", 400, "decision"));
        all.add(new Case("a NUL character in notes", "POST", ACTIONS, c, json, GOOD_ACTION + ",\"notes\":\"a\\u0000b\"}", 400, "notes"));
        all.add(new Case("a user with role GOD", "POST", "/api/v1/admin/users", a, json,
                "{\"username\":\"nuevo\",\"displayName\":\"N\",\"role\":\"GOD\",\"password\":\"una-clave-larga-9\",\"clients\":[]}", 400, "role"));
        // query parameters
        all.add(new Case("worklist limit -1", "GET", "/api/v1/worklist?limit=-1", c, null, null, 400, "limit"));
        all.add(new Case("worklist limit 'abc'", "GET", "/api/v1/worklist?limit=abc", c, null, null, 400, "limit"));
        all.add(new Case("worklist stage NOPE", "GET", "/api/v1/worklist?stage=NOPE", c, null, null, 400, "stage"));
        all.add(new Case("daily KPIs from month 13", "GET", "/api/v1/clients/" + CLIENT + "/kpis/daily?from=2026-13-01", m, null, null, 400, "from"));
        all.add(new Case("KPIs as of 'yesterday'", "GET", "/api/v1/clients/" + CLIENT + "/kpis?asOf=yesterday", m, null, null, 400, "asOf"));
        all.add(new Case("a 20,000-character URL (refused by the web server itself)", "GET",
                "/api/v1/worklist?clientId=" + "x".repeat(20_000), c, null, null, 400, "request"));
        all.add(new Case("a 2,000-character client filter", "GET", "/api/v1/worklist?clientId=" + "x".repeat(2_000), c, null, null, 404, "clientId"));
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachBadRequestGetsAClearRefusalNamingTheField(Case bad) throws Exception {
        HttpResponse<String> r = send(bad.method(), bad.path(), bad.user(), bad.contentType(), bad.body());
        System.out.printf("api case %-40s → %d %s%n", bad.name(), r.statusCode(),
                r.body().length() > 200 ? r.body().substring(0, 200) + "…" : r.body());
        assertThat(r.statusCode()).as("%s → %s", bad.name(), r.body()).isEqualTo(bad.status());
        JsonNode error = JSON.readTree(r.body());
        assertThat(error.path("field").asText()).as("%s → %s", bad.name(), r.body()).isEqualTo(bad.field());
        assertThat(error.path("reason").asText()).as("a reason a person can act on").isNotBlank();
    }

    @Test
    void nothingBadWasStoredAndGoodRequestsStillWork() throws Exception {
        for (Case bad : cases()) {
            send(bad.method(), bad.path(), bad.user(), bad.contentType(), bad.body());
        }
        HttpResponse<String> good = api.post(ACTIONS, "bad-collector", GOOD_ACTION + "}");
        assertThat(good.statusCode()).as(good.body()).isEqualTo(201);
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(api.platformJdbcUrl(), "postgres", "postgres");
             java.sql.ResultSet rs = db.createStatement().executeQuery(
                     "SELECT count(*) FROM collections.collection_actions WHERE client_id = '" + CLIENT + "'")) {
            rs.next();
            assertThat(rs.getLong(1)).as("only the good action is stored").isEqualTo(1);
        }
    }

    private static HttpResponse<String> send(String method, String path, String user, String contentType, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.base() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + ApiExtension.Api.password(user)).getBytes(StandardCharsets.UTF_8)));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        return HTTP.send(b.method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
    }
}
