package cl.cobranza.launcher;

import cl.cobranza.connectors.demo.DemoClient;
import cl.cobranza.warehouse.ClientReceivablesView;
import cl.cobranza.warehouse.ReceivablesQueries;
import cl.cobranza.warehouse.TenantScope;
import cl.cobranza.warehouse.Warehouse;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault injection under steady generated load: one at a time, at random moments, the Flink job is killed
 * (no savepoint) and restored from its checkpoint, the Kafka broker (its own process) and the ClickHouse server
 * are killed with SIGKILL and restarted, a client's Debezium engine crashes losing its last offset flushes, the
 * API is stopped abruptly and restarted, the sources' replication connections are cut, and ClickHouse's
 * disk-limited data folder (a tmpfs, when this runs as root) fills up. After each fault a fresh ERP change must
 * reach the warehouse (the recovery time); at the end, with the generator stopped, every invoice's total,
 * credits and payments and every client's KPIs equal plain SQL over the ERP databases: no peso lost or
 * counted twice.
 *
 * <p>Short form by default (each fault once, ~4 min); the long form: {@code -Dcobranza.faults.rounds=5}, and
 * {@code -Dcobranza.faults.seed=…} to repeat an order. Its own stack, since it kills parts of it.
 */
@Tag("faults")
class FaultInjectionTest {
    private static final List<DemoClient> CLIENTS = List.of(StackFixture.client("fi-uno"), StackFixture.client("fi-dos"));
    private static final int ROUNDS = Integer.getInteger("cobranza.faults.rounds", 1);
    private static final long SEED = Long.getLong("cobranza.faults.seed", System.currentTimeMillis());
    private static final ZoneId SANTIAGO = ZoneId.of("America/Santiago");
    /**
     * Canary invoice ids and folios count down from here: the generator numbers folios from the highest one up,
     * so after the first canary it takes 9,000,000 and above, never the canaries' numbers below.
     */
    private static final AtomicLong CANARY = new AtomicLong(9_000_000);

    /** One kind of fault: how to inject it (returning what happened) into a running stack. */
    private interface Fault {
        String inject(LocalStack stack, Random rnd) throws Exception;
    }

    /** One injected fault and how long the pipeline took to show a change committed right after it. */
    private record Outcome(int round, String fault, String detail, double recoverySeconds, int jobFailures) {
    }

    @Test
    void everyFaultRecoversAndTheKpisEqualTheSourceDatabases() throws Exception {
        System.out.printf("fault injection: %d round(s), seed %d%n", ROUNDS, SEED);
        Random rnd = new Random(SEED);
        StackConfig config = StackFixture.config("faults", 40, Map.of(
                "cobranza.kafka.separate-process", "true",
                "cobranza.generator.seed-customers", "15", "cobranza.generator.seed-invoices", "60"));
        Path clickhouseDir = config.dataDir().resolve("clickhouse");
        boolean diskLimited = mountTmpfs(clickhouseDir, "400m");
        Map<String, Fault> faults = new java.util.LinkedHashMap<>();
        faults.put("Flink job killed, restored from checkpoint", (s, r) -> "resumed from " + s.job().restoredFrom()
                .map(p -> p.getFileName().toString()).orElse("a fresh start") + " → " + s.killAndRestoreJob().getFileName());
        faults.put("Kafka broker SIGKILL, restarted after 3 s", (s, r) ->
                String.format(Locale.ROOT, "broker answered %.1f s after restart", s.killAndRestartKafka(Duration.ofSeconds(3))));
        faults.put("Debezium engine crash, restarted", (s, r) -> {
            String client = CLIENTS.get(r.nextInt(CLIENTS.size())).clientId();
            return String.format(Locale.ROOT, "%s: last 2 s of offsets lost, engine back in %.1f s", client,
                    s.crashCapture(client, Duration.ofSeconds(2)));
        });
        faults.put("ClickHouse SIGKILL, restarted after 3 s", (s, r) ->
                String.format(Locale.ROOT, "server answered %.1f s after restart", s.killAndRestartClickHouse(Duration.ofSeconds(3))));
        faults.put("API stopped abruptly, restarted", (s, r) -> {
            double seconds = s.restartApi();
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(s.apiUrl() + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            return String.format(Locale.ROOT, "serving again in %.1f s", seconds);
        });
        faults.put("source connections cut (pg_terminate_backend)", (s, r) -> {
            try (Connection db = s.postgres().connect("postgres"); Statement st = db.createStatement();
                 java.sql.ResultSet rs = st.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                         + " WHERE backend_type = 'walsender'")) {
                rs.next();
                return rs.getLong(1) + " replication connections terminated";
            }
        });
        if (diskLimited) {
            faults.put("ClickHouse disk full for 5 s", (s, r) -> "filled " + fill(clickhouseDir.resolve("filler"), Duration.ofSeconds(5))
                    + " MiB, then freed");
        }
        List<Outcome> outcomes = new ArrayList<>();
        try (LocalStack stack = StackFixture.start(config, CLIENTS)) {
            await().atMost(90, SECONDS).until(() -> stack.generator().changes() >= 100);
            for (int round = 1; round <= ROUNDS; round++) {
                List<String> order = new ArrayList<>(faults.keySet());
                Collections.shuffle(order, rnd);
                for (String name : order) {
                    Thread.sleep(1_000 + rnd.nextInt(3_000)); // a random moment, load flowing
                    long t0 = System.nanoTime();
                    String detail = faults.get(name).inject(stack, rnd);
                    String canary = commitCanary(stack);
                    awaitInWarehouse(stack, canary, Duration.ofSeconds(180));
                    double recovery = (System.nanoTime() - t0) / 1e9;
                    Outcome o = new Outcome(round, name, detail, recovery, stack.job().failures());
                    System.out.printf(Locale.ROOT, "fault %d %-48s recovered in %5.1f s (job failures since its start: %d) — %s%n",
                            o.round(), o.fault(), o.recoverySeconds(), o.jobFailures(), o.detail());
                    outcomes.add(o);
                }
            }
            stack.generator().close(); // stop writing, so that both sides can settle
            long changes = stack.generator().changes();
            LocalDate today = LocalDate.now(SANTIAGO);
            try (Warehouse w = new Warehouse(stack.warehouseReader())) {
                ReceivablesQueries queries = new ReceivablesQueries(w);
                for (DemoClient c : CLIENTS) {
                    await().atMost(180, SECONDS).pollInterval(500, MILLISECONDS).untilAsserted(() -> {
                        assertThat(SourceOracle.warehouseInvoices(w, c.clientId()))
                                .as("each invoice's total/credited/paid of %s vs its ERP", c.clientId())
                                .isEqualTo(SourceOracle.invoices(stack, c));
                        long[] source = SourceOracle.totals(stack, c, today);
                        ClientReceivablesView kpi = queries.current(TenantScope.everyClient(), today).stream()
                                .filter(v -> v.clientId().equals(c.clientId())).findFirst().orElseThrow();
                        assertThat(new long[] {kpi.openClp(), kpi.overdueClp(), kpi.openInvoices(), kpi.overdueInvoices()})
                                .as("streamed KPI of %s vs SQL over its ERP", c.clientId()).containsExactly(source);
                    });
                    System.out.printf("equal to the source: %s, %d invoices%n", c.clientId(), SourceOracle.invoices(stack, c).size());
                }
            }
            System.out.printf("%d faults injected over %d generated changes; every invoice and KPI equal to the source%n",
                    outcomes.size(), changes);
        } finally {
            if (diskLimited) {
                run("umount", "-l", clickhouseDir.toString());
            }
        }
        assertThat(outcomes).hasSize(faults.size() * ROUNDS);
    }

    /** Inserts a new invoice into the first client's ERP (an id and folio the generator never uses); returns its id. */
    private static String commitCanary(LocalStack stack) throws Exception {
        long id = CANARY.decrementAndGet();
        try (Connection db = stack.postgres().connect(CLIENTS.get(0).database()); Statement s = db.createStatement()) {
            s.execute("INSERT INTO invoices (id, dte_type, folio, customer_id, issue_date, due_date, total_clp)"
                    + " SELECT " + id + ", 33, " + id + ", min(id), current_date, current_date + 30, 123456 FROM customers");
        }
        return Long.toString(id);
    }

    private static void awaitInWarehouse(LocalStack stack, String invoiceId, Duration timeout) {
        try (Warehouse w = new Warehouse(stack.warehouseReader())) {
            ReceivablesQueries q = new ReceivablesQueries(w);
            await("canary invoice " + invoiceId).atMost(timeout.toSeconds(), SECONDS).pollInterval(200, MILLISECONDS)
                    .ignoreExceptions() // the warehouse itself may be restarting
                    .until(() -> q.invoice(TenantScope.everyClient(), CLIENTS.get(0).clientId(), invoiceId).isPresent());
        }
    }

    /** Mounts a tmpfs of {@code size} on {@code dir} (needs root); false when this machine does not allow it. */
    private static boolean mountTmpfs(Path dir, String size) throws Exception {
        Files.createDirectories(dir);
        boolean ok = run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString());
        if (!ok) {
            System.out.println("fault injection: no tmpfs for ClickHouse's folder (needs root): the disk-full fault is left out");
        }
        return ok;
    }

    /** Writes {@code file} until the disk is full, keeps it for {@code hold}, deletes it; returns the MiB written. */
    private static long fill(Path file, Duration hold) throws Exception {
        byte[] chunk = new byte[1 << 20];
        long mib = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(chunk);
                mib++;
            }
        } catch (IOException full) {
            // No space left on device: what a full disk gives ClickHouse too
        }
        Thread.sleep(hold.toMillis());
        Files.deleteIfExists(file);
        return mib;
    }

    private static boolean run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        boolean ok = p.waitFor() == 0;
        if (!ok) {
            System.out.println(String.join(" ", command) + ": " + out.strip());
        }
        return ok;
    }
}
