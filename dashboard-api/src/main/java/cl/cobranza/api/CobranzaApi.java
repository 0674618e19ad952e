package cl.cobranza.api;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/** The dashboard API: REST, server-sent events and the ECharts page over the warehouse. */
@SpringBootApplication(scanBasePackages = "cl.cobranza.api")
@EnableConfigurationProperties(CobranzaProperties.class)
public class CobranzaApi {

    /** Standalone start; settings come from application.properties, the environment and the command line. */
    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(CobranzaApi.class);
        app.addInitializers(new ProductionSecrets());
        app.run(args);
    }

    /**
     * Starts the API inside another process (the launcher, tests) and returns its context; closing the
     * context stops it. {@code properties} take precedence over application.properties and the
     * environment, so the caller decides ports and credentials. Never calls System.exit; a failure to
     * start is thrown.
     */
    public static ConfigurableApplicationContext start(Map<String, Object> properties) {
        SpringApplication app = new SpringApplication(CobranzaApi.class);
        app.setBannerMode(Banner.Mode.OFF);
        app.setMainApplicationClass(CobranzaApi.class); // else start-up logs name the caller (launcher, test runner)
        // not builder.properties(): those are *default* properties, which application.properties overrides
        app.addInitializers(context -> context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource("cobranza-embedded", Map.copyOf(properties))));
        app.addInitializers(new ProductionSecrets());
        return app.run();
    }
}
