package cl.cobranza.api;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The prod profile refuses development secrets and names what to set; other profiles are not checked. */
class ProductionSecretsTest {
    private static StandardEnvironment env(boolean prod, Map<String, Object> values) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", new HashMap<>(values)));
        if (prod) {
            env.setActiveProfiles("prod");
        }
        return env;
    }

    @Test
    void developmentDefaultsAreRefusedInProdNamingEachVariable() {
        Map<String, Object> dev = Map.of("spring.datasource.password", "postgres", "cobranza.clickhouse.user",
                "cobranza_reader", "cobranza.clickhouse.password", "", "cobranza.demo.user", "demo",
                "cobranza.demo.password", "demo");
        assertThat(ProductionSecrets.problems(env(false, dev))).as("not prod: not checked").isEmpty();
        assertThat(ProductionSecrets.problems(env(true, dev))).hasSize(3)
                .anyMatch(p -> p.startsWith("SPRING_DATASOURCE_PASSWORD"))
                .anyMatch(p -> p.startsWith("COBRANZA_CLICKHOUSE_PASSWORD"))
                .anyMatch(p -> p.startsWith("COBRANZA_DEMO_PASSWORD"));
    }

    @Test
    void theWriterIsNotTheApisUser() {
        assertThat(ProductionSecrets.problems(env(true, Map.of("spring.datasource.password", "s3cr3t-plataforma",
                "cobranza.clickhouse.user", "cobranza_writer", "cobranza.clickhouse.password", "s3cr3t-lectura"))))
                .singleElement().asString().startsWith("COBRANZA_CLICKHOUSE_USER");
    }

    @Test
    void realSecretsPass() {
        assertThat(ProductionSecrets.problems(env(true, Map.of("spring.datasource.password", "s3cr3t-plataforma",
                "cobranza.clickhouse.user", "cobranza_reader", "cobranza.clickhouse.password", "s3cr3t-lectura",
                "cobranza.demo.user", "admin", "cobranza.demo.password", "una-clave-bien-larga")))).isEmpty();
    }

    @Test
    void theApiDoesNotStartInProdWithTheDefaults() {
        assertThatThrownBy(() -> CobranzaApi.start(Map.of("spring.profiles.active", "prod", "server.port", "0")))
                .hasStackTraceContaining("El perfil prod no arranca con secretos por defecto")
                .hasStackTraceContaining("SPRING_DATASOURCE_PASSWORD")
                .hasStackTraceContaining("COBRANZA_CLICKHOUSE_PASSWORD");
    }
}
