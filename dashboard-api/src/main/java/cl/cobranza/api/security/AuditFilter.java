package cl.cobranza.api.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Set;

/**
 * Writes every request that changes something (POST, PUT, PATCH, DELETE) and every logout to the {@link AuditLog},
 * allowed or refused: who (after authentication), what, from where and the status answered. Sits in the security
 * chain after the authentication filters and before the access checks, so refusals are recorded too.
 */
class AuditFilter extends OncePerRequestFilter {
    private static final Set<String> CHANGES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final AuditLog audit;

    AuditFilter(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        String user = who == null || !who.isAuthenticated() ? null : who.getName();
        try {
            chain.doFilter(request, response);
        } finally {
            if (CHANGES.contains(request.getMethod())) {
                boolean logout = "/logout".equals(request.getServletPath());
                audit.record(user, logout ? "LOGOUT" : request.getMethod(), request.getRequestURI(),
                        response.getStatus(), request.getRemoteAddr());
            }
        }
    }
}
