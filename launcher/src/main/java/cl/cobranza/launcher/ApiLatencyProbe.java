package cl.cobranza.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Load harness: latency of the endpoints the pages call, against a running stack (e.g. {@code ./cobranza}
 * with its demo data), as each page's user. Each endpoint is warmed up, then requested {@code n} times by
 * {@code concurrency} threads, within a form-login session like the pages' (HTTP Basic would add a bcrypt
 * check, ~50–100 ms by design, to every request); prints p50/p95/p99/max per endpoint and the requests per second.
 * Run: {@code java -cp launcher/target/cobranza-local.jar cl.cobranza.launcher.ApiLatencyProbe
 * [baseUrl] [requests] [concurrency]} (defaults http://localhost:8080, 400, 4; demo logins, password demo).
 */
public final class ApiLatencyProbe {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** One logged-in browser session per demo user, as the pages use the API (no bcrypt check per request). */
    private static final Map<String, HttpClient> SESSIONS = new java.util.concurrent.ConcurrentHashMap<>();

    private ApiLatencyProbe() {
    }

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://localhost:8080";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        String password = System.getProperty("cobranza.demo.password", "demo");
        JsonNode me = JSON.readTree(get(base + "/api/v1/me", "dueno", password).body());
        String client = me.get("clients").get(0).get("clientId").asText();
        JsonNode worklist = JSON.readTree(get(base + "/api/v1/worklist?limit=1", "cobrador", password).body());
        String debtor = worklist.at("/items/0/debtorId").asText();
        String debtorClient = worklist.at("/items/0/clientId").asText();
        LocalDate today = LocalDate.parse(worklist.get("asOf").asText());

        Map<String, String[]> endpoints = new LinkedHashMap<>();
        String c = "/api/v1/clients/" + client;
        endpoints.put("dashboard: KPI tiles   " + c + "/kpis", new String[]{c + "/kpis", "dueno"});
        endpoints.put("dashboard: 90 days     " + c + "/kpis/daily", new String[]{c + "/kpis/daily?from=" + today.minusDays(89), "dueno"});
        endpoints.put("dashboard: 12 months   " + c + "/kpis/monthly", new String[]{c + "/kpis/monthly?from=" + today.minusMonths(11).toString().substring(0, 7), "dueno"});
        endpoints.put("dashboard: cohorts     " + c + "/kpis/cohorts", new String[]{c + "/kpis/cohorts", "dueno"});
        endpoints.put("dashboard: top debtors " + c + "/debtors", new String[]{c + "/debtors?limit=10", "dueno"});
        endpoints.put("portfolio              /api/v1/portfolio", new String[]{"/api/v1/portfolio", "ejecutiva"});
        endpoints.put("worklist (200 items)   /api/v1/worklist", new String[]{"/api/v1/worklist?limit=200", "cobrador"});
        endpoints.put("worklist, one stage    /api/v1/worklist?stage=EXTRAJUDICIAL", new String[]{"/api/v1/worklist?limit=200&stage=EXTRAJUDICIAL", "cobrador"});
        endpoints.put("debtor page            …/debtors/{id}", new String[]{"/api/v1/clients/" + debtorClient + "/debtors/" + debtor, "cobrador"});

        System.out.printf("%d requests per endpoint, %d concurrent, against %s (%s, debtor %s/%s)%n", n, concurrency, base,
                client, debtorClient, debtor);
        for (Map.Entry<String, String[]> e : endpoints.entrySet()) {
            String url = base + e.getValue()[0];
            String user = e.getValue()[1];
            for (int i = 0; i < Math.max(20, n / 10); i++) {
                check(get(url, user, password), url);
            }
            ConcurrentLinkedQueue<Double> millis = new ConcurrentLinkedQueue<>();
            ExecutorService pool = Executors.newFixedThreadPool(concurrency);
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                pool.execute(() -> {
                    long s = System.nanoTime();
                    check(get(url, user, password), url);
                    millis.add((System.nanoTime() - s) / 1e6);
                });
            }
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.MINUTES);
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%-62s %s, %.0f req/s%n", e.getKey(), new Latencies(new ArrayList<>(millis)).summary(),
                    n / seconds);
        }
    }

    private static void check(HttpResponse<String> response, String url) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static HttpResponse<String> get(String url, String user, String password) {
        try {
            HttpClient session = SESSIONS.computeIfAbsent(user, u -> login(URI.create(url).resolve("/"), u, password));
            return session.send(HttpRequest.newBuilder(URI.create(url)).header("X-Requested-With", "XMLHttpRequest").build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(url + ": " + e, e);
        }
    }

    /** Logs in through the login form (CSRF token first) and returns a client that carries the session cookie. */
    static HttpClient login(URI base, String user, String password) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .cookieHandler(new java.net.CookieManager()).build();
        try {
            JsonNode csrf = JSON.readTree(client.send(HttpRequest.newBuilder(base.resolve("/api/v1/csrf")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            String form = "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(csrf.get("token").asText());
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(base.resolve("/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            String location = r.headers().firstValue("Location").orElse("");
            if (r.statusCode() != 302 || location.contains("error")) {
                throw new IllegalStateException("login of " + user + " failed: " + r.statusCode() + " " + location);
            }
            return client;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
