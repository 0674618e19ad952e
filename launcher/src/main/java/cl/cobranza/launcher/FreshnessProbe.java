package cl.cobranza.launcher;

import cl.cobranza.connectors.demo.DemoClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Load harness: the delay from an ERP commit to the new value visible through the API. Starts its own
 * stack in a scratch folder (generator off), then changes one invoice's amount N times, one at a time,
 * timing each from commit to the first API answer that shows it: on the invoice, and in the client's
 * daily KPI row (through the ledger). Prints p50/p95/p99/max of both.
 * Run: {@code java -cp launcher/target/cobranza-local.jar cl.cobranza.launcher.FreshnessProbe [changes]}.
 */
public final class FreshnessProbe {
    private FreshnessProbe() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 120;
        Path dir = Files.createTempDirectory("cobranza-freshness");
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        StackConfig config = StackConfig.of(Map.of("cobranza.data-dir", dir.toString(), "cobranza.generator.rate", "0",
                "cobranza.api.port", "18080", "cobranza.postgres.port", "25432", "cobranza.kafka.port", "29092",
                "cobranza.kafka.controller-port", "29093", "cobranza.clickhouse.http-port", "28123",
                "cobranza.clickhouse.tcp-port", "29000"));
        DemoClient client = new DemoClient("frescura", "Frescura SpA", "76.543.210-3", "erp_frescura");
        try (LocalStack stack = LocalStack.start(config, List.of(client), new PrintStream(System.out, true))) {
            System.out.printf("stack ready in %.1f s%n", stack.secondsSinceStart());
            HttpClient http = HttpClient.newHttpClient();
            String auth = "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes(StandardCharsets.UTF_8));
            ObjectMapper json = new ObjectMapper();
            List<Double> delaysMs = new ArrayList<>();
            List<Double> kpiDelaysMs = new ArrayList<>();
            try (Connection db = stack.postgres().connect(client.database()); Statement s = db.createStatement()) {
                s.execute("INSERT INTO customers (id, rut, name) VALUES (1, '12.345.678-5', 'Deudor')");
                s.execute("INSERT INTO invoices (id, dte_type, folio, customer_id, issue_date, total_clp) "
                        + "VALUES (1, 33, 1, 1, current_date, 100000)");
                URI uri = URI.create(stack.apiUrl() + "/api/v1/clients/frescura/invoices/1");
                String today = java.time.LocalDate.now(java.time.ZoneId.of(config.get("cobranza.timezone"))).toString();
                URI kpi = URI.create(stack.apiUrl() + "/api/v1/clients/frescura/kpis/daily?from=" + today + "&to=" + today);
                await(http, json, uri, auth, FreshnessProbe::invoiceTotal, 100_000, 60_000);
                await(http, json, kpi, auth, FreshnessProbe::dailyOpen, 100_000, 60_000);
                for (int i = 1; i <= n; i++) {
                    long total = 100_000 + i;
                    s.execute("UPDATE invoices SET total_clp = " + total + " WHERE id = 1"); // autocommit: committed on return
                    long t0 = System.nanoTime();
                    await(http, json, uri, auth, FreshnessProbe::invoiceTotal, total, 30_000);
                    delaysMs.add((System.nanoTime() - t0) / 1e6);
                    await(http, json, kpi, auth, FreshnessProbe::dailyOpen, total, 30_000);
                    kpiDelaysMs.add((System.nanoTime() - t0) / 1e6);
                }
            }
            System.out.printf("commit → API (invoice), %d changes: %s%n", n, new Latencies(delaysMs).summary());
            System.out.printf("commit → API (daily KPI row), %d changes: %s%n", n, new Latencies(kpiDelaysMs).summary());
        }
    }

    /** The invoice's total in the invoice endpoint's answer. */
    private static long invoiceTotal(JsonNode body) {
        return body.path("totalClp").asLong();
    }

    /** The open balance of the newest row in the daily KPI series' answer (-1 when there is none yet). */
    private static long dailyOpen(JsonNode body) {
        JsonNode rows = body.path("rows");
        return rows.size() == 0 ? -1 : rows.get(rows.size() - 1).path("openClp").asLong();
    }

    /** Polls {@code uri} until {@code read} finds {@code expected} in its JSON answer. */
    private static void await(HttpClient http, ObjectMapper json, URI uri, String auth, ToLongFunction<JsonNode> read,
                              long expected, long timeoutMs) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).header("Authorization", auth).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200 && read.applyAsLong(json.readTree(r.body())) == expected) {
                return;
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException(expected + " not visible through " + uri + " after " + timeoutMs + " ms");
    }

}
