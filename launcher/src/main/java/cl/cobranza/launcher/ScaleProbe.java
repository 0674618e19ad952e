package cl.cobranza.launcher;

import cl.cobranza.api.CobranzaApi;
import cl.cobranza.connectors.demo.PlatformDb;
import cl.cobranza.connectors.postgres.PostgresServer;
import cl.cobranza.warehouse.ClickHouseServer;
import cl.cobranza.warehouse.Migrations;
import cl.cobranza.warehouse.Warehouse;
import cl.cobranza.warehouse.WarehouseSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Query latency at scale (issue 7, item 4). Starts a private ClickHouse, an embedded PostgreSQL (platform database and an
 * ERP database) and the API on free ports; bulk-loads {@code n} invoices over 1,000 client companies server-side into
 * the warehouse tables the API reads and into a PostgreSQL database shaped like the demo ERP ({@link ScaleData});
 * then measures, with {@code concurrency} users, the endpoints the dashboards call (form-login sessions, like
 * {@link ApiLatencyProbe}) and the same KPIs computed with SQL on the ERP database (what a pyme's ERP report does),
 * and prints p50/p95/p99/max of each and the ratio SQL p50 / API p50.
 *
 * <p>Run: {@code java -Xmx6g -cp launcher/target/cobranza-local.jar cl.cobranza.launcher.ScaleProbe [n] [requests]
 * [concurrency] [seconds]} (defaults 1000000, 2000, 8, 120: each measurement stops after {@code requests} requests or
 * {@code seconds} seconds, whichever comes first). {@code -Dscale.dir=/tmp/scale} (default) holds the data (deleted
 * first); {@code -Dscale.keep=true} leaves the servers running until Enter is pressed (to time single queries);
 * {@code -Dscale.pg=false} skips the PostgreSQL load and baseline; {@code -Dscale.only=worklist,debtor} measures only
 * the endpoints whose name contains one of the words.
 */
public final class ScaleProbe {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "demo";
    private static final String ERP = "erp_scale";
    /** {@code -Dscale.pg=false}: no ERP load and no SQL baseline (re-measuring the API after a change). */
    private static final boolean WITH_POSTGRES = !"false".equals(System.getProperty("scale.pg"));
    /** {@code -Dscale.only=worklist,debtor}: measure only the measurements whose name contains one of these. */
    private static final List<String> ONLY = System.getProperty("scale.only", "").isBlank() ? List.of()
            : List.of(System.getProperty("scale.only").split(","));
    /** The admin API wants at least 8 characters; the demo users keep "demo". */
    private static final String COLLECTOR10_PASSWORD = "cobrador10-scale";

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Map<String, HttpClient> sessions = new ConcurrentHashMap<>();
    private final int requests;
    private final int concurrency;
    private final Duration budget;
    private PostgresServer postgres;
    private WarehouseSettings writer;
    private String api;

    private ScaleProbe(int requests, int concurrency, Duration budget) {
        this.requests = requests;
        this.concurrency = concurrency;
        this.budget = budget;
    }

    public static void main(String[] args) throws Exception {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 120;
        Path dir = Path.of(System.getProperty("scale.dir", "/tmp/scale")).toAbsolutePath();
        System.setProperty("cobranza.log.dir", dir.resolve("logs").toString());
        ZoneId zone = ZoneId.of("America/Santiago");
        ScaleData data = new ScaleData(n, LocalDate.now(zone));
        ScaleProbe probe = new ScaleProbe(requests, concurrency, Duration.ofSeconds(seconds));
        try {
            probe.run(dir, data);
        } finally {
            probe.close();
        }
    }

    private void run(Path dir, ScaleData data) throws Exception {
        System.out.printf(Locale.ROOT, "ScaleProbe: %,d invoices over %d clients (%d debtors each), today %s, %d users, "
                        + "%d requests or %d s per measurement, %d cores%n", data.invoices(), ScaleData.CLIENTS,
                data.debtorsPerClient(), data.today(), concurrency, requests, budget.toSeconds(),
                Runtime.getRuntime().availableProcessors());
        deleteTree(dir);
        Files.createDirectories(dir);
        List<String> clients = new ArrayList<>();
        for (int k = 0; k < ScaleData.CLIENTS; k++) {
            clients.add(ScaleData.clientId(k));
        }

        long t0 = System.nanoTime();
        ClickHouseServer ch = ClickHouseServer.start(ClickHouseServer.Config.local(dir.resolve("clickhouse"),
                ClickHouseServer.freePort(), ClickHouseServer.freePort()));
        started.push(ch);
        writer = ch.writerSettings();
        Migrations.migrate(writer);
        postgres = PostgresServer.start(dir.resolve("postgres"), ClickHouseServer.freePort());
        started.push(postgres);
        tunePostgres(dir);
        PlatformDb.install(postgres);
        System.out.printf(Locale.ROOT, "servers up in %.1f s (ClickHouse %s, PostgreSQL :%d)%n", secs(t0), writer.url(),
                postgres.port());

        loadClickHouse(data);
        if (WITH_POSTGRES) {
            loadPostgres(data);
        }

        t0 = System.nanoTime();
        int port = ClickHouseServer.freePort();
        startApi(ch, port, clients);
        api = "http://localhost:" + port;
        System.out.printf(Locale.ROOT, "API up in %.1f s at %s%n", secs(t0), api);
        // a collector with ten clients (a realistic assignment), besides the demo collector of all 1,000
        post("/api/v1/admin/users", "demo", """
                {"username":"cobrador10","displayName":"Cobrador de 10 clientes","role":"COLLECTOR","password":"%s",
                 "clients":[%s]}""".formatted(COLLECTOR10_PASSWORD, String.join(",",
                clients.subList(0, 10).stream().map(c -> "\"" + c + "\"").toList())));

        Map<String, Latencies> apiResults = measureApi(data, clients.get(0));
        Map<String, Latencies> sqlResults = Map.of();
        if (WITH_POSTGRES) {
            sqlResults = measureSql(data, clients.get(0));
            crossCheck(data, clients.get(0));
        }
        report(apiResults, sqlResults);

        if (Boolean.getBoolean("scale.keep")) {
            System.out.printf("servers kept: ClickHouse %s (writer %s / %s), PostgreSQL :%d (%s), API %s; Enter stops%n",
                    writer.url(), writer.user(), writer.password(), postgres.port(), ERP, api);
            System.in.read();
        }
    }

    // ------------------------------------------------------------------------------------------------ loading

    private void loadClickHouse(ScaleData data) {
        long t0 = System.nanoTime();
        String[] names = {"clients", "invoice_state", "debtors", "debtor_risk", "kpi_client_daily (today)",
                "kpi_client_daily (729 days)", "kpi_client_monthly", "kpi_recovery_cohort"};
        List<String> load = data.clickhouseLoad();
        try (Warehouse w = new Warehouse(writer)) {
            for (int i = 0; i < load.size(); i++) {
                long s = System.nanoTime();
                w.execute(load.get(i));
                System.out.printf(Locale.ROOT, "  ClickHouse %-28s %6.1f s%n", names[i], secs(s));
            }
            long s = System.nanoTime();
            awaitMerges(w);
            System.out.printf(Locale.ROOT, "  ClickHouse background merges done  %6.1f s%n", secs(s));
            for (JsonNode r : w.query("SELECT table, count() AS parts, sum(rows) AS rows, sum(bytes) AS bytes FROM system.parts"
                    + " WHERE active AND database = '" + writer.database() + "' GROUP BY table ORDER BY table")) {
                System.out.printf(Locale.ROOT, "    %-22s %,12d rows %3d parts %,8.1f MB%n", r.get("table").asText(),
                        r.get("rows").asLong(), r.get("parts").asLong(), r.get("bytes").asLong() / 1e6);
            }
        }
        System.out.printf(Locale.ROOT, "ClickHouse loaded in %.1f s%n", secs(t0));
    }

    /** Waits (at most 5 minutes) until no merge runs, so measurements see the steady state of the parts. */
    private static void awaitMerges(Warehouse w) throws IllegalStateException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (w.query("SELECT count() AS n FROM system.merges").get(0).get("n").asLong() == 0) {
                return;
            }
            sleep(1000);
        }
    }

    /**
     * Gives PostgreSQL the memory a dedicated server would have (the embedded default is 128 MB of shared buffers and
     * 4 MB of work memory), then restarts it: the baseline should not lose for want of configuration.
     */
    private void tunePostgres(Path dir) throws Exception {
        try (Connection c = postgres.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("ALTER SYSTEM SET shared_buffers = '4GB'");
            s.execute("ALTER SYSTEM SET work_mem = '64MB'");
            s.execute("ALTER SYSTEM SET maintenance_work_mem = '1GB'");
            s.execute("ALTER SYSTEM SET effective_cache_size = '12GB'");
            s.execute("ALTER SYSTEM SET max_wal_size = '8GB'");
            s.execute("ALTER SYSTEM SET synchronous_commit = 'off'");
        }
        int port = postgres.port();
        started.remove(postgres);
        postgres.close();
        postgres = PostgresServer.start(dir.resolve("postgres"), port);
        started.push(postgres);
    }

    private void loadPostgres(ScaleData data) throws Exception {
        long t0 = System.nanoTime();
        postgres.createDatabaseIfMissing(ERP);
        try (Connection c = postgres.connect(ERP); Statement s = c.createStatement()) {
            s.execute(ScaleData.PG_SCHEMA);
            String[] names = {"customers", "invoices", "payments"};
            List<String> load = data.postgresLoad();
            for (int i = 0; i < load.size(); i++) {
                long t = System.nanoTime();
                int rows = s.executeUpdate(load.get(i));
                System.out.printf(Locale.ROOT, "  PostgreSQL %-28s %6.1f s  %,d rows%n", names[i], secs(t), rows);
            }
            for (String sql : ScaleData.PG_INDEXES) {
                long t = System.nanoTime();
                s.execute(sql);
                System.out.printf(Locale.ROOT, "  PostgreSQL %-28s %6.1f s%n", sql.length() > 28 ? sql.substring(0, 28) : sql,
                        secs(t));
            }
            try (ResultSet r = s.executeQuery("SELECT pg_size_pretty(pg_database_size('" + ERP + "'))")) {
                r.next();
                System.out.printf("  PostgreSQL database %s: %s%n", ERP, r.getString(1));
            }
        }
        System.out.printf(Locale.ROOT, "PostgreSQL loaded in %.1f s%n", secs(t0));
    }

    private void startApi(ClickHouseServer ch, int port, List<String> clients) {
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        // the stack's API settings with the defaults, no groups (the scale clients are c1…c1000)
        StackConfig config = StackConfig.of(Map.of("cobranza.api.port", Integer.toString(port),
                "cobranza.demo.password", PASSWORD, "cobranza.groups", ""));
        Map<String, Object> props = LocalStack.apiProperties(config, ch.readerSettings(), postgres, clients);
        ConfigurableApplicationContext ctx = CobranzaApi.start(props);
        started.push(ctx::close);
    }

    // ------------------------------------------------------------------------------------------------ measuring

    /** One timed request or query: returns normally when it succeeded. */
    private interface Call {
        void run(int worker) throws Exception;
    }

    /**
     * Warms up ({@code max(10, requests / 10)} calls or a quarter of the budget), then makes up to {@code requests}
     * calls from {@code concurrency} threads until the budget is spent; prints and returns the latencies.
     */
    private Latencies measure(String name, Call call) {
        String load = loadAverage();
        try {
            runCalls(Math.max(10, requests / 10), budget.dividedBy(4), call, null);
            ConcurrentLinkedQueue<Double> millis = new ConcurrentLinkedQueue<>();
            long t0 = System.nanoTime();
            runCalls(requests, budget, call, millis);
            double seconds = secs(t0);
            Latencies l = new Latencies(millis);
            System.out.printf(Locale.ROOT, "  %-44s %s, %5d calls, %7.1f/s (load before: %s)%n", name, l.summary(),
                    millis.size(), millis.size() / seconds, load);
            return l;
        } catch (Exception | OutOfMemoryError e) {
            // one failing measurement (a timeout, memory at 10M) must not lose the others
            System.out.printf("  %-44s FAILED: %s%n", name, e);
            return null;
        }
    }

    /** The machine's 1-minute load average (shared with other work while measuring). */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private void runCalls(int count, Duration limit, Call call, ConcurrentLinkedQueue<Double> millis) throws Exception {
        AtomicInteger next = new AtomicInteger();
        long deadline = System.nanoTime() + limit.toNanos();
        ConcurrentLinkedQueue<Exception> failures = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            int worker = t;
            Thread thread = new Thread(() -> {
                while (failures.isEmpty() && next.getAndIncrement() < count && System.nanoTime() < deadline) {
                    long s = System.nanoTime();
                    try {
                        call.run(worker);
                    } catch (Exception e) {
                        failures.add(e);
                        return;
                    }
                    if (millis != null) {
                        millis.add((System.nanoTime() - s) / 1e6);
                    }
                }
            }, "scale-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw failures.peek();
        }
    }

    private Map<String, Latencies> measureApi(ScaleData data, String client) throws Exception {
        LocalDate today = data.today();
        JsonNode worklist = JSON.readTree(get("/api/v1/worklist?limit=1&clientId=" + client, "cobrador").body());
        String debtor = worklist.at("/items/0/debtorId").asText();
        Map<String, String[]> endpoints = new LinkedHashMap<>();
        String c = "/api/v1/clients/" + client;
        endpoints.put("tiles", new String[]{c + "/kpis", "dueno"});
        endpoints.put("daily", new String[]{c + "/kpis/daily?from=" + today.minusDays(89), "dueno"});
        endpoints.put("monthly", new String[]{c + "/kpis/monthly?from=" + today.minusMonths(11).toString().substring(0, 7), "dueno"});
        endpoints.put("cohorts", new String[]{c + "/kpis/cohorts", "dueno"});
        endpoints.put("top debtors", new String[]{c + "/debtors?limit=10", "dueno"});
        endpoints.put("portfolio", new String[]{"/api/v1/portfolio", "ejecutiva"});
        endpoints.put("worklist 1 client", new String[]{"/api/v1/worklist?limit=200&clientId=" + client, "cobrador"});
        endpoints.put("worklist 10 clients", new String[]{"/api/v1/worklist?limit=200", "cobrador10"});
        endpoints.put("worklist 1000 clients", new String[]{"/api/v1/worklist?limit=200", "cobrador"});
        endpoints.put("debtor page", new String[]{c + "/debtors/" + debtor, "cobrador"});
        System.out.printf("API, %d concurrent users (client %s, debtor %s):%n", concurrency, client, debtor);
        Map<String, Latencies> out = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> e : endpoints.entrySet()) {
            if (!ONLY.isEmpty() && ONLY.stream().noneMatch(e.getKey()::contains)) {
                continue;
            }
            String path = e.getValue()[0];
            String user = e.getValue()[1];
            out.put(e.getKey(), measure(e.getKey() + "  " + path.replaceAll("\\?.*", ""), w -> check(get(path, user), path)));
        }
        return out;
    }

    // --------------------------------------------------------------------------- the PostgreSQL SQL baseline

    /** Each invoice of one client (or all clients) with its open balance: what every ERP report starts from. */
    private static final String OPEN_INVOICES = """
            SELECT i.id, i.client_id, i.customer_id, i.issue_date, COALESCE(i.due_date, i.issue_date + 30) AS due,
                   i.total_clp,
                   i.total_clp - COALESCE(SUM(p.amount_clp) FILTER (WHERE NOT p.reversed), 0)
                     - COALESCE((SELECT SUM(cn.amount_clp) FROM credit_notes cn WHERE cn.invoice_id = i.id), 0) AS open
            FROM invoices i LEFT JOIN payments p ON p.invoice_id = i.id
            WHERE %s
            GROUP BY i.id
            """;

    /** The KPI tiles: open and overdue totals and counts, aging buckets, weighted days past due, DSO over 90 days. */
    private static final String KPIS = """
            SELECT %s
                   SUM(open) AS open_clp, COUNT(*) FILTER (WHERE open > 0) AS open_invoices,
                   SUM(open) FILTER (WHERE due < ?) AS overdue_clp, COUNT(*) FILTER (WHERE open > 0 AND due < ?) AS overdue_invoices,
                   SUM(open) FILTER (WHERE ? - due BETWEEN 1 AND 30) AS a1_30,
                   SUM(open) FILTER (WHERE ? - due BETWEEN 31 AND 60) AS a31_60,
                   SUM(open) FILTER (WHERE ? - due BETWEEN 61 AND 90) AS a61_90,
                   SUM(open) FILTER (WHERE ? - due BETWEEN 91 AND 120) AS a91_120,
                   SUM(open) FILTER (WHERE ? - due > 120) AS a121,
                   SUM(open * (? - due)) FILTER (WHERE due < ?) / NULLIF(SUM(open) FILTER (WHERE due < ?), 0) AS weighted_dpd,
                   SUM(open) * 90.0 / NULLIF(SUM(total_clp) FILTER (WHERE issue_date > ? - 90), 0) AS dso_90
            FROM (%s) x
            %s
            """;

    private Map<String, Latencies> measureSql(ScaleData data, String client) throws Exception {
        java.sql.Date today = java.sql.Date.valueOf(data.today());
        long debtorCustomer = 1; // debtor 1 of client c10000
        Map<String, String> sqls = new LinkedHashMap<>();
        sqls.put("tiles", KPIS.formatted("", OPEN_INVOICES.formatted("i.client_id = ?"), ""));
        // the 90-day chart: open and overdue as of each day, from the invoices issued and payments made by then
        sqls.put("daily", """
                SELECT d.day,
                       SUM(i.total_clp - COALESCE((SELECT SUM(p.amount_clp) FROM payments p
                                                   WHERE p.invoice_id = i.id AND NOT p.reversed AND p.paid_on <= d.day), 0)) AS open_clp,
                       SUM(CASE WHEN COALESCE(i.due_date, i.issue_date + 30) < d.day
                                THEN i.total_clp - COALESCE((SELECT SUM(p.amount_clp) FROM payments p
                                                   WHERE p.invoice_id = i.id AND NOT p.reversed AND p.paid_on <= d.day), 0)
                                ELSE 0 END) AS overdue_clp
                FROM generate_series(?::date - 89, ?::date, interval '1 day') AS d(day)
                JOIN invoices i ON i.client_id = ? AND i.issue_date <= d.day
                GROUP BY d.day ORDER BY d.day
                """);
        sqls.put("top debtors", """
                SELECT customer_id, SUM(open) AS open_clp, SUM(open) FILTER (WHERE due < ?) AS overdue_clp,
                       SUM(open * (? - due)) FILTER (WHERE due < ? AND open > 0) AS overdue_clp_days
                FROM (%s) x WHERE open > 0
                GROUP BY customer_id ORDER BY overdue_clp DESC NULLS LAST, open_clp DESC LIMIT 10
                """.formatted(OPEN_INVOICES.formatted("i.client_id = ?")));
        sqls.put("portfolio", KPIS.formatted("client_id,", OPEN_INVOICES.formatted("TRUE"), "GROUP BY client_id ORDER BY client_id"));
        sqls.put("worklist 1 client", """
                SELECT x.id, x.customer_id, c.name, c.rut, x.due, ? - x.due AS days_overdue, x.open
                FROM (%s) x JOIN customers c ON c.id = x.customer_id
                WHERE x.open > 0 AND x.due < ?
                ORDER BY (? - x.due) * x.open DESC LIMIT 200
                """.formatted(OPEN_INVOICES.formatted("i.client_id = ?")));
        sqls.put("debtor page", """
                SELECT i.id, i.folio, i.issue_date, i.due_date, i.total_clp, p.paid_on, p.amount_clp
                FROM invoices i LEFT JOIN payments p ON p.invoice_id = i.id
                WHERE i.customer_id = ? ORDER BY i.due_date, i.id
                """);
        System.out.printf("PostgreSQL SQL baseline, %d concurrent connections (client %s):%n", concurrency, client);
        Connection[] connections = new Connection[concurrency];
        Map<String, Latencies> out = new LinkedHashMap<>();
        try {
            for (int i = 0; i < concurrency; i++) {
                connections[i] = postgres.connect(ERP);
            }
            for (Map.Entry<String, String> e : sqls.entrySet()) {
                if (!ONLY.isEmpty() && ONLY.stream().noneMatch(e.getKey()::contains)) {
                    continue;
                }
                String sql = dates(e.getValue());
                String name = e.getKey();
                out.put(name, measure(name, w -> {
                    try (PreparedStatement ps = connections[w].prepareStatement(sql)) {
                        bind(ps, sql, name, today, client, debtorCustomer);
                        try (ResultSet r = ps.executeQuery()) {
                            int rows = 0;
                            while (r.next()) {
                                rows++;
                            }
                            if (rows == 0) {
                                throw new IllegalStateException(name + ": no rows");
                            }
                        }
                    }
                }));
            }
        } finally {
            for (Connection c : connections) {
                if (c != null) {
                    c.close();
                }
            }
        }
        return out;
    }

    /** Types every parameter that is not a client or customer id as a date (the driver sends dates untyped). */
    private static String dates(String sql) {
        return sql.replaceAll("(?<!(client_id|customer_id) = )\\?(?!::)", "?::date");
    }

    /** Binds the ? of the baseline queries: the client id where the text names client_id, dates elsewhere. */
    private static void bind(PreparedStatement ps, String sql, String name, java.sql.Date today, String client,
                             long customer) throws Exception {
        int count = (int) sql.chars().filter(ch -> ch == '?').count();
        int clientAt = -1;
        if (name.equals("debtor page")) {
            ps.setLong(1, customer);
            return;
        }
        // the client parameter is the one written "client_id = ?"; the others are today
        int idx = sql.indexOf("client_id = ?");
        if (idx >= 0) {
            clientAt = (int) sql.substring(0, idx).chars().filter(ch -> ch == '?').count() + 1;
        }
        for (int p = 1; p <= count; p++) {
            if (p == clientAt) {
                ps.setString(p, client);
            } else {
                ps.setDate(p, today);
            }
        }
    }

    /** Prints the owner's open and overdue totals from the API and from the ERP's SQL: they must be equal. */
    private void crossCheck(ScaleData data, String client) throws Exception {
        JsonNode tiles = JSON.readTree(get("/api/v1/clients/" + client + "/kpis", "dueno").body());
        Map<String, String> api = new LinkedHashMap<>();
        for (JsonNode v : tiles.path("kpis")) {
            String id = v.path("id").asText();
            if (id.contains("receivables") || id.equals("weighted_dpd")) {
                api.put(id, v.path("value").asText());
            }
        }
        try (Connection c = postgres.connect(ERP);
             PreparedStatement ps = c.prepareStatement(dates(KPIS.formatted("", OPEN_INVOICES.formatted("i.client_id = ?"), "")))) {
            bind(ps, KPIS.formatted("", OPEN_INVOICES.formatted("i.client_id = ?"), ""), "tiles",
                    java.sql.Date.valueOf(data.today()), client, 0);
            try (ResultSet r = ps.executeQuery()) {
                r.next();
                System.out.printf(Locale.ROOT, "cross-check %s: API %s%n  ERP SQL open_clp=%d overdue_clp=%d open_invoices=%d "
                                + "overdue_invoices=%d weighted_dpd=%.2f%n", client, api, r.getLong("open_clp"),
                        r.getLong("overdue_clp"), r.getLong("open_invoices"), r.getLong("overdue_invoices"),
                        r.getDouble("weighted_dpd"));
            }
        }
    }

    private void report(Map<String, Latencies> apiResults, Map<String, Latencies> sqlResults) {
        System.out.println();
        System.out.println("| KPI | API p50 | API p99 | PostgreSQL SQL p50 | SQL p99 | SQL p50 / API p50 |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (Map.Entry<String, Latencies> e : apiResults.entrySet()) {
            Latencies a = e.getValue();
            Latencies s = sqlResults.get(e.getKey());
            if (a == null) {
                System.out.printf("| %s | failed | | | | |%n", e.getKey());
                continue;
            }
            System.out.printf(Locale.ROOT, "| %s | %.1f ms | %.1f ms | %s | %s | %s |%n", e.getKey(), a.pct(50), a.pct(99),
                    s == null ? "–" : String.format(Locale.ROOT, "%.1f ms", s.pct(50)),
                    s == null ? "–" : String.format(Locale.ROOT, "%.1f ms", s.pct(99)),
                    s == null ? "–" : String.format(Locale.ROOT, "%.1f×", s.pct(50) / a.pct(50)));
        }
    }

    // ------------------------------------------------------------------------------------------------ HTTP

    private static void check(HttpResponse<String> response, String path) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private HttpResponse<String> get(String path, String user) {
        try {
            HttpClient session = sessions.computeIfAbsent(user, u -> login(URI.create(api), u));
            return session.send(HttpRequest.newBuilder(URI.create(api + path)).header("X-Requested-With", "XMLHttpRequest")
                            .timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(path + ": " + e, e);
        }
    }

    /** POST with HTTP Basic (no session, no CSRF token): for the one-off setup calls. */
    private void post(String path, String user, String json) throws Exception {
        String auth = java.util.Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api + path))
                .header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** A form-login session of a scale user (the demo users' password, or the 10-client collector's). */
    private static HttpClient login(URI base, String user) {
        return ApiLatencyProbe.login(base, user, user.equals("cobrador10") ? COLLECTOR10_PASSWORD : PASSWORD);
    }

    // ------------------------------------------------------------------------------------------------ misc

    private void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("stopping failed: " + e);
            }
        }
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
