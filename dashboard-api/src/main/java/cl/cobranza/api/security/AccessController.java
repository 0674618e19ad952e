package cl.cobranza.api.security;

import cl.cobranza.warehouse.ClientInfo;
import cl.cobranza.warehouse.KpiQueries;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Who the caller is and what they reach: the current user, their clients, and the CSRF token for browser writes. */
@RestController
class AccessController {
    private final Tenancy tenancy;
    private final KpiQueries queries;

    AccessController(Tenancy tenancy, KpiQueries queries) {
        this.tenancy = tenancy;
        this.queries = queries;
    }

    /** Body of {@code GET /api/v1/me}. */
    record Me(String username, String displayName, String role, String roleName, List<String> permissions,
              List<ClientInfo> clients) {
    }

    /** Body of {@code GET /api/v1/csrf}. */
    record Csrf(String token, String headerName, String parameterName) {
    }

    /** GET /api/v1/me: the logged-in user, their role and permissions, and the clients they may see. */
    @GetMapping("/api/v1/me")
    Me me() {
        CobranzaUser user = tenancy.caller();
        List<String> permissions = java.util.Arrays.stream(cl.cobranza.core.access.Permission.values())
                .filter(user::can).map(Enum::name).toList();
        return new Me(user.username(), user.displayName(), user.role().name(), user.role().spanishName(), permissions,
                queries.clients(tenancy.scope()));
    }

    /** GET /api/v1/clients: the client companies the caller may see. */
    @GetMapping("/api/v1/clients")
    List<ClientInfo> clients() {
        return queries.clients(tenancy.scope());
    }

    /**
     * GET /api/v1/csrf: the token a browser form or script sends back on writes (open, so the login page can
     * use it; the token is tied to the caller's session and useless to anyone else).
     */
    @GetMapping("/api/v1/csrf")
    Csrf csrf(HttpServletRequest request) {
        CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        return new Csrf(token.getToken(), token.getHeaderName(), token.getParameterName());
    }
}
