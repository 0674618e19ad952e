package cl.cobranza.api;

import cl.cobranza.core.access.Role;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8's security on the running API: security headers on pages and API answers, login rate limiting per user
 * (429 with Retry-After before the password is checked, other users unaffected), and the audit log of logins and
 * of every request that changes something, allowed or refused.
 */
@ExtendWith(ApiExtension.class)
class SecurityHardeningTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ApiExtension.Api api;

    @BeforeAll
    static void start(ApiExtension.Api running) {
        api = running;
    }

    private static HttpResponse<String> get(String path, String user, String password) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.base() + path));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theApiReadsTheWarehouseAsAReadOnlyUserAndRefusesOneThatCanWrite() {
        cl.cobranza.warehouse.ClickHouseServer ch = api.clickhouse();
        try (cl.cobranza.warehouse.Warehouse reader = new cl.cobranza.warehouse.Warehouse(ch.readerSettings());
             cl.cobranza.warehouse.Warehouse writer = new cl.cobranza.warehouse.Warehouse(ch.writerSettings())) {
            assertThat(reader.readonlyLevel()).as("the API's user").isEqualTo(2);
            assertThat(writer.readonlyLevel()).as("the job's user").isZero();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> reader.execute("CREATE TABLE api_was_here (x UInt8) ENGINE = Memory"))
                    .as("the API's user cannot create tables").isNotNull();
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ApiConfiguration.requireReadOnly(
                        new cl.cobranza.warehouse.Warehouse(ch.writerSettings()), ch.config().writerUser()))
                .hasMessageContaining("'" + ch.config().writerUser() + "' can write to ClickHouse (readonly=0)")
                .hasMessageContaining("read-only user");
    }

    @Test
    void pagesAndApiAnswersCarryTheSecurityHeaders() throws Exception {
        for (HttpResponse<String> r : List.of(get("/login.html", null, null),
                get("/api/v1/me", ApiExtension.ADMIN, ApiExtension.ADMIN_PASSWORD))) {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Security-Policy")).get().asString()
                    .contains("default-src 'self'").contains("script-src 'self'").contains("frame-ancestors 'none'")
                    .contains("object-src 'none'");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(r.headers().firstValue("X-Frame-Options")).contains("DENY");
            assertThat(r.headers().firstValue("Referrer-Policy")).contains("same-origin");
        }
    }

    @Test
    void fiveWrongPasswordsLockTheUserForAWhileButNotOthers() throws Exception {
        String user = api.user("sh-guessed", Role.COLLECTOR, "sh-client");
        String other = api.user("sh-other", Role.COLLECTOR, "sh-client");
        assertThat(get("/api/v1/me", user, ApiExtension.Api.password(user)).statusCode()).isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            assertThat(get("/api/v1/me", user, "clave-" + i).statusCode()).as("wrong password " + i).isEqualTo(401);
        }
        HttpResponse<String> locked = get("/api/v1/me", user, ApiExtension.Api.password(user));
        assertThat(locked.statusCode()).as("even the right password, while locked").isEqualTo(429);
        assertThat(Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 15 * 60L);
        JsonNode body = JSON.readTree(locked.body());
        assertThat(body.get("field").asText()).isEqualTo("username");
        assertThat(body.get("reason").asText()).contains("Demasiados intentos");
        assertThat(get("/api/v1/me", other, ApiExtension.Api.password(other)).statusCode()).isEqualTo(200);

        List<String> actions = audit("SELECT action FROM access.audit_log WHERE username = ? ORDER BY id", user);
        assertThat(actions).containsSubsequence("LOGIN_FAILED", "LOGIN_FAILED", "LOGIN_FAILED", "LOGIN_FAILED",
                "LOGIN_FAILED", "LOGIN_BLOCKED");
    }

    @Test
    void everyChangeIsAuditedAllowedOrRefused() throws Exception {
        String owner = api.user("sh-owner", Role.OWNER, "sh-client");
        // an owner may not record work: refused, and recorded as refused
        HttpResponse<String> refused = api.post("/api/v1/clients/sh-client/actions", owner,
                "{\"invoiceId\":\"X\",\"channel\":\"CALL\",\"outcome\":\"NO_ANSWER\"}");
        assertThat(refused.statusCode()).isEqualTo(403);
        HttpResponse<String> created = api.post("/api/v1/admin/users", ApiExtension.ADMIN,
                "{\"username\":\"sh-created\",\"password\":\"una-clave-larga-1\",\"role\":\"COLLECTOR\",\"clients\":[\"sh-client\"]}");
        assertThat(created.statusCode()).as(created.body()).isIn(200, 201);
        List<String> rows = audit("SELECT username || ' ' || action || ' ' || path || ' ' || status FROM access.audit_log"
                + " WHERE username IN (?, ?) AND action <> 'LOGIN_FAILED' ORDER BY id", owner, ApiExtension.ADMIN);
        assertThat(rows).contains("sh-owner POST /api/v1/clients/sh-client/actions 403");
        assertThat(rows).anyMatch(r -> r.startsWith(ApiExtension.ADMIN + " POST /api/v1/admin/users 20"));
    }

    private static List<String> audit(String sql, String... params) throws Exception {
        try (Connection c = DriverManager.getConnection(api.platformJdbcUrl(), "postgres", "postgres");
             PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }
}
