package cl.cobranza.api.security;

import cl.cobranza.api.web.ApiError;
import cl.cobranza.core.access.Permission;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.nio.charset.StandardCharsets;

/**
 * Who may call what, in one table: each path needs a {@link Permission} of the caller's role (which clients
 * they reach is {@link Tenancy}'s part). Pages use form login at {@code /login.html}; the JSON API takes HTTP
 * Basic or the page's session. Browser writes carry the CSRF token (cookie {@code XSRF-TOKEN} → header
 * {@code X-XSRF-TOKEN}); requests with HTTP Basic credentials carry no session cookie to abuse, so they need
 * none. API clients get 401/403 as JSON, never a redirect.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {
    private static final String REALM = "cobranza";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The login guard runs inside the security chain only, not a second time as a plain servlet filter. */
    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<LoginGuard> loginGuardRegistration(LoginGuard guard) {
        org.springframework.boot.web.servlet.FilterRegistrationBean<LoginGuard> r =
                new org.springframework.boot.web.servlet.FilterRegistrationBean<>(guard);
        r.setEnabled(false);
        return r;
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, LoginGuard loginGuard, AuditLog audit) throws Exception {
        RequestMatcher api = new OrRequestMatcher(path("/api/**"), path("/actuator/**"), path("/v3/api-docs/**"));
        BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();
        basic.setRealmName(REALM);
        http.authorizeHttpRequests(requests -> requests
                        // error pages and the re-dispatch that ends an SSE stream belong to an already checked request
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll()
                        // what the login page needs; scripts and styles hold no data
                        .requestMatchers("/login.html", "/*.css", "/*.js", "/favicon.ico", "/favicon.svg", "/webjars/**",
                                "/api/v1/csrf", "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/**").hasAuthority(Permission.VIEW_METRICS.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/clients/*/actions", "/api/v1/clients/*/promises",
                                "/api/v1/clients/*/payment-plans", "/api/v1/clients/*/disputes",
                                "/api/v1/clients/*/disputes/*/resolution").hasAuthority(Permission.RECORD_WORK.name())
                        .requestMatchers(HttpMethod.PUT, "/api/v1/clients/*/debtors/*/status")
                                .hasAuthority(Permission.MANAGE_COLLECTION.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/clients/*/debtors/*/legal-decisions")
                                .hasAuthority(Permission.MANAGE_COLLECTION.name())
                        .requestMatchers("/api/v1/admin/**").hasAuthority(Permission.MANAGE_USERS.name())
                        .requestMatchers("/api/v1/agency/**").hasAuthority(Permission.VIEW_AGENCY.name())
                        .requestMatchers("/api/v1/groups", "/api/v1/groups/**").hasAuthority(Permission.VIEW_GROUPS.name())
                        .requestMatchers("/api/v1/portfolio", "/api/v1/portfolio/**").hasAuthority(Permission.VIEW_PORTFOLIO.name())
                        .requestMatchers("/api/v1/worklist", "/api/v1/worklist/**").hasAuthority(Permission.VIEW_WORKLIST.name())
                        .requestMatchers("/api/v1/clients/*/kpis", "/api/v1/clients/*/kpis/**").hasAuthority(Permission.VIEW_KPIS.name())
                        .requestMatchers("/api/v1/clients/*/debtors", "/api/v1/clients/*/debtors/**",
                                "/api/v1/clients/*/invoices/**").hasAuthority(Permission.VIEW_WORKLIST.name())
                        .requestMatchers("/api/v1/data-quality/sources").hasAuthority(Permission.VIEW_SOURCES.name())
                        .requestMatchers("/api/v1/data-quality/**").hasAuthority(Permission.VIEW_DATA_QUALITY.name())
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login.html").loginProcessingUrl("/login")
                        .defaultSuccessUrl("/", true).failureUrl("/login.html?error").permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login.html?logout"))
                .httpBasic(httpBasic -> httpBasic.realmName(REALM).authenticationEntryPoint(basic))
                // the plain (unmasked) token in both the header and the form field, so a page can send the cookie's
                // value either way; masking against BREACH matters for tokens in compressed HTML bodies, and
                // these pages are static and never embed it
                .csrf(csrf -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .ignoringRequestMatchers(request -> request.getHeader("Authorization") != null))
                .exceptionHandling(exceptions -> exceptions
                        // the pages' own requests get a bare 401 (the script goes to the login page): a Basic
                        // challenge would make the browser pop up its password dialog instead
                        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), pageScript())
                        .defaultAuthenticationEntryPointFor(basic, api)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login.html"),
                                AnyRequestMatcher.INSTANCE)
                        .accessDeniedHandler(deniedAsJson()))
                // CSP: scripts, styles and data only from this origin (ECharts draws on canvas; the pages set styles
                // through the DOM), no framing, no plugins; plus no referrer across origins
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; script-src 'self'; "
                                + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
                                + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"))
                        .referrerPolicy(r -> r.policy(org.springframework.security.web.header.writers
                                .ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .addFilterBefore(loginGuard, org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(new AuditFilter(audit), org.springframework.security.web.access.ExceptionTranslationFilter.class);
        return http.build();
    }

    /** Requests a page's script makes: fetch with X-Requested-With, or an EventSource stream. */
    private static RequestMatcher pageScript() {
        return request -> "XMLHttpRequest".equals(request.getHeader("X-Requested-With"))
                || String.valueOf(request.getHeader("Accept")).contains("text/event-stream");
    }

    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    /** 403 with the project's error body: the role does not allow it, or the CSRF token is missing. */
    private static AccessDeniedHandler deniedAsJson() {
        return (request, response, denied) -> {
            boolean csrf = denied instanceof org.springframework.security.web.csrf.CsrfException;
            ApiError body = csrf
                    ? new ApiError("X-XSRF-TOKEN", "Falta el token CSRF o venció: envíe el valor de la cookie "
                    + "XSRF-TOKEN en la cabecera X-XSRF-TOKEN (o use HTTP Basic)")
                    : new ApiError("role", "Su rol no permite " + request.getMethod() + " " + request.getRequestURI());
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write(JSON.writeValueAsString(body));
        };
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }
}
