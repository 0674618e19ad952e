package cl.cobranza.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/** The platform's JSON API as a test (or a person with curl) sees it: real HTTP with the demo login. */
final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String auth;

    ApiClient(LocalStack stack) {
        this.base = stack.apiUrl();
        String user = stack.config().get("cobranza.demo.user") + ":" + stack.config().get("cobranza.demo.password");
        this.auth = "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8));
    }

    /** The body of a GET, or empty on 404. */
    Optional<JsonNode> get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", auth).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " → " + r.statusCode() + ": " + r.body());
        }
        return Optional.of(JSON.readTree(r.body()));
    }

    /** The client's row of /api/v1/receivables, or empty when it is not listed. */
    Optional<JsonNode> receivables(String clientId) throws Exception {
        for (JsonNode c : get("/api/v1/receivables").orElseThrow().path("clients")) {
            if (clientId.equals(c.path("clientId").asText())) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    Optional<JsonNode> invoice(String clientId, long invoiceId) throws Exception {
        return get("/api/v1/clients/" + clientId + "/invoices/" + invoiceId);
    }
}
