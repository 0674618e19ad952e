package cl.cobranza.launcher.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** The JSON API signed in as one user with HTTP Basic: the independent source the browser tests compare pages with. */
public final class PlatformApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** An answer: status and parsed body ({@code null} when the body is empty). */
    public record Answer(int status, JsonNode body) {
    }

    private final String origin;
    private final String authorization;

    public PlatformApi(String origin, String username, String password) {
        this.origin = origin;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The same API as another user. */
    public PlatformApi as(String username, String password) {
        return new PlatformApi(origin, username, password);
    }

    public Answer get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(origin + path)).GET());
    }

    public Answer post(String path, Object body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(origin + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    /** The body of a GET that must answer 200. */
    public JsonNode read(String path) throws Exception {
        Answer a = get(path);
        if (a.status() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + a.status() + ": " + a.body());
        }
        return a.body();
    }

    /** One KPI's value from {@code GET /api/v1/clients/{client}/kpis} (null when undefined). */
    public JsonNode kpi(String client, String kpiId) throws Exception {
        for (JsonNode k : read("/api/v1/clients/" + client + "/kpis").path("kpis")) {
            if (kpiId.equals(k.path("id").asText())) {
                return k.path("value");
            }
        }
        throw new AssertionError("KPI " + kpiId + " is not in the answer for " + client);
    }

    private Answer send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> r = HTTP.send(request.header("Authorization", authorization)
                .header("Accept", "application/json").timeout(Duration.ofSeconds(15)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        String body = r.body();
        return new Answer(r.statusCode(), body == null || body.isBlank() ? null : JSON.readTree(body));
    }
}
