package cl.cobranza.api.security;

import cl.cobranza.api.web.ApiError;
import cl.cobranza.core.access.LoginThrottle;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Optional;

/**
 * Rate-limits logins: counts failed logins per user name and per client address ({@link LoginThrottle}) and, while
 * a key is over its limit, refuses form logins (back to the login page with {@code ?locked}) and HTTP Basic
 * requests (429 with {@code Retry-After}) before the password is even checked. Records every login in the audit log.
 */
@Component
public class LoginGuard extends OncePerRequestFilter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm");

    private final LoginThrottle users;
    private final LoginThrottle addresses;
    private final AuditLog audit;
    private final Clock clock;

    LoginGuard(AuditLog audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
        this.users = new LoginThrottle(LoginThrottle.USER_FAILURES, LoginThrottle.WINDOW, clock);
        this.addresses = new LoginThrottle(LoginThrottle.ADDRESS_FAILURES, LoginThrottle.WINDOW, clock);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> user = attemptedUser(request);
        if (user.isPresent()) {
            Optional<Instant> until = users.blockedUntil(user.get())
                    .or(() -> addresses.blockedUntil(request.getRemoteAddr()));
            if (until.isPresent()) {
                audit.record(user.get(), "LOGIN_BLOCKED", request.getRequestURI(), 429, request.getRemoteAddr());
                refuse(request, response, until.get());
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** The user name a request tries to log in with: the login form's, or HTTP Basic's. */
    private static Optional<String> attemptedUser(HttpServletRequest request) {
        if ("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath())) {
            return Optional.ofNullable(request.getParameter("username"));
        }
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return Optional.of(colon < 0 ? decoded : decoded.substring(0, colon));
            } catch (IllegalArgumentException e) {
                return Optional.empty(); // not Base64: Spring's own filter refuses it
            }
        }
        return Optional.empty();
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, Instant until) throws IOException {
        long seconds = Math.max(1, Duration.between(clock.instant(), until).toSeconds());
        response.setHeader("Retry-After", Long.toString(seconds));
        if ("/login".equals(request.getServletPath())) {
            response.sendRedirect("/login.html?locked");
            return;
        }
        response.setStatus(429);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String at = HOUR.format(until.atZone(clock.getZone()));
        response.getWriter().write(JSON.writeValueAsString(new ApiError("username", "Demasiados intentos fallidos para "
                + "este usuario o esta dirección; intente de nuevo a las " + at + " (en " + ((seconds + 59) / 60)
                + " minutos)")));
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        String user = String.valueOf(event.getAuthentication().getName());
        String address = address(event.getAuthentication().getDetails());
        users.failed(user);
        if (address != null) {
            addresses.failed(address);
        }
        audit.record(user, "LOGIN_FAILED", null, 401, address);
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        users.succeeded(event.getAuthentication().getName());
    }

    /** A form login (HTTP Basic authenticates every request and is not a login to record). */
    @EventListener
    void loggedIn(InteractiveAuthenticationSuccessEvent event) {
        audit.record(event.getAuthentication().getName(), "LOGIN_OK", "/login", 302,
                address(event.getAuthentication().getDetails()));
    }

    private static String address(Object details) {
        return details instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null;
    }
}
