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
 * <p>With a background load ({@code events/s} &gt; 0), {@link LoadWriter} commits invoices, payments and corrections
 * into the ERPs of {@code load clients} other demo clients ({@code carga-1 …}, each captured by its own Debezium
 * engine) at that rate for the whole measurement, after {@code warm-up} seconds; the probe's changes share Kafka,
 * the Flink job, the sinks, ClickHouse and the machine with it. It prints the load actually committed and
 * whether ClickHouse kept up (the load's backlog at the end).
 * Run: {@code java -cp launcher/target/cobranza-local.jar cl.cobranza.launcher.FreshnessProbe [changes]
 * [background events/s] [load clients] [warm-up s]}.
 */
public final class FreshnessProbe {
    private FreshnessProbe() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 120;
        double loadRate = args.length > 1 ? Double.parseDouble(args[1]) : 0;
        int loadClients = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int warmUp = args.length > 3 ? Integer.parseInt(args[3]) : 15;
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        // free ports (not fixed ones): the probe runs beside other stacks on a shared machine
        StackConfig config = LoadHarness.config("freshness", Map.of());
        DemoClient client = new DemoClient("frescura", "Frescura SpA", "76.543.210-3", "erp_frescura");
        List<DemoClient> clients = new ArrayList<>(List.of(client));
        List<DemoClient> load = loadRate > 0 ? LoadHarness.loadClients(loadClients) : List.of();
        clients.addAll(load);
        LoadWriter writer = null;
        try (LocalStack stack = LocalStack.start(config, clients, new PrintStream(System.out, true))) {
            System.out.printf("stack ready in %.1f s%n", stack.secondsSinceStart());
            StageProgress progress = null;
            long loadT0 = 0;
            if (loadRate > 0) {
                writer = new LoadWriter(stack.postgres(), load, loadRate, 2, 200);
                writer.prepare();
                Thread.sleep(3_000);
                progress = new StageProgress(stack.kafka().bootstrapServers(), stack.warehouseReader(),
                        load.stream().map(DemoClient::clientId).toList(), writer::committed,
                        load.stream().map(c -> stack.captures().get(c.clientId())).toList());
                writer.start();
                loadT0 = System.nanoTime();
                System.out.printf("background load: %,.0f events/s into %d ERPs, warming up %d s%n", loadRate,
                        loadClients, warmUp);
                Thread.sleep(warmUp * 1000L);
            }
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
                    await(http, json, uri, auth, FreshnessProbe::invoiceTotal, total, 120_000);
                    delaysMs.add((System.nanoTime() - t0) / 1e6);
                    await(http, json, kpi, auth, FreshnessProbe::dailyOpen, total, 120_000);
                    kpiDelaysMs.add((System.nanoTime() - t0) / 1e6);
                }
            }
            String under = "";
            if (writer != null) {
                StageProgress.Sample s = progress.sample();
                double seconds = (System.nanoTime() - loadT0) / 1e9;
                writer.stop();
                under = String.format(" under %,.0f events/s", loadRate);
                System.out.printf("background load: %,d events committed in %.1f s (%,.0f events/s); at the end "
                                + "captured %,d, in ClickHouse %,d (backlog %,d)%n", s.committed(), seconds,
                        s.committed() / seconds, s.captured(), s.landed(), s.committed() - s.landed());
                progress.close();
            }
            System.out.printf("commit → API (invoice)%s, %d changes: %s%n", under, n, new Latencies(delaysMs).summary());
            System.out.printf("commit → API (daily KPI row)%s, %d changes: %s%n", under, n,
                    new Latencies(kpiDelaysMs).summary());
        } finally {
            if (writer != null) {
                writer.stop();
            }
        }
        System.exit(0);
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
