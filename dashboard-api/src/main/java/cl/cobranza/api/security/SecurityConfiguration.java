package cl.cobranza.api.security;

import cl.cobranza.api.CobranzaProperties;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may see what: one in-memory demo user; form login for the pages, HTTP Basic (and the page's
 * session) for {@code /api/**} and the Prometheus endpoint; {@code /actuator/health} is open. Roles and
 * tenants come later.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {
    private static final String REALM = "cobranza";

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        RequestMatcher api = new org.springframework.security.web.util.matcher.OrRequestMatcher(
                PathPatternRequestMatcher.withDefaults().matcher("/api/**"),
                PathPatternRequestMatcher.withDefaults().matcher("/actuator/**"));
        BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();
        basic.setRealmName(REALM);
        http.authorizeHttpRequests(requests -> requests
                        // error pages and the re-dispatch that ends an SSE stream belong to an already checked request
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll()
                        .requestMatchers("/webjars/**", "/favicon.ico", "/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().authenticated())
                .formLogin(Customizer.withDefaults())
                .httpBasic(httpBasic -> httpBasic.realmName(REALM).authenticationEntryPoint(basic))
                // API clients get 401 + WWW-Authenticate, never a redirect to the login page; everything
                // else goes to the login page, whatever Accept header the client sent
                .exceptionHandling(exceptions -> exceptions
                        .defaultAuthenticationEntryPointFor(basic, api)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), AnyRequestMatcher.INSTANCE));
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    UserDetailsService users(CobranzaProperties properties, PasswordEncoder encoder) {
        CobranzaProperties.Demo demo = properties.demo();
        // hashed at start so no plain-text password sits in the user store
        return new InMemoryUserDetailsManager(User.withUsername(demo.user())
                .password(encoder.encode(demo.password()))
                .roles("USER")
                .build());
    }
}
