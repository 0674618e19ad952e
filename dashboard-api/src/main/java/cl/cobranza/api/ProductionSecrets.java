package cl.cobranza.api;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Refuses to start the API in the {@code prod} profile while a secret is missing or still has its development
 * default: the platform database's password, the read-only ClickHouse user's name and password, and the first
 * administrator's password when one is to be created. The message names each environment variable to set.
 */
public final class ProductionSecrets implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    /** The profile that requires real secrets. */
    public static final String PROFILE = "prod";
    /** Shortest acceptable password for the first administrator. */
    public static final int MIN_ADMIN_PASSWORD = 12;
    private static final Set<String> DEV_PASSWORDS = Set.of("postgres", "demo", "password", "cobranza",
            "cobranza-local-reader", "cobranza-local-writer");

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        List<String> missing = problems(context.getEnvironment());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("El perfil " + PROFILE + " no arranca con secretos por defecto; defina "
                    + String.join("; ", missing));
        }
    }

    /** What is missing or unsafe in {@code env} (empty outside the prod profile). */
    static List<String> problems(ConfigurableEnvironment env) {
        List<String> out = new ArrayList<>();
        // also a profile named in properties added after the environment was prepared (CobranzaApi.start's)
        boolean prod = env.acceptsProfiles(Profiles.of(PROFILE)) || java.util.Arrays.stream(
                env.getProperty("spring.profiles.active", "").split(",")).map(String::strip).anyMatch(PROFILE::equals);
        if (!prod) {
            return out;
        }
        String db = env.getProperty("spring.datasource.password", "");
        if (db.isBlank() || DEV_PASSWORDS.contains(db)) {
            out.add("SPRING_DATASOURCE_PASSWORD (la contraseña de PostgreSQL de la plataforma; no la de desarrollo)");
        }
        String chUser = env.getProperty("cobranza.clickhouse.user", "");
        if (chUser.isBlank() || chUser.equals("default") || chUser.contains("writer")) {
            out.add("COBRANZA_CLICKHOUSE_USER (un usuario de ClickHouse de solo lectura, no 'default' ni el que escribe)");
        }
        String chPassword = env.getProperty("cobranza.clickhouse.password", "");
        if (chPassword.isBlank() || DEV_PASSWORDS.contains(chPassword)) {
            out.add("COBRANZA_CLICKHOUSE_PASSWORD (la contraseña de ese usuario de solo lectura)");
        }
        String admin = env.getProperty("cobranza.demo.user", "");
        String adminPassword = env.getProperty("cobranza.demo.password", "");
        if (!admin.isBlank() && (adminPassword.length() < MIN_ADMIN_PASSWORD || DEV_PASSWORDS.contains(adminPassword))) {
            out.add("COBRANZA_DEMO_PASSWORD (la contraseña del primer administrador '" + admin + "', de al menos "
                    + MIN_ADMIN_PASSWORD + " caracteres; o deje COBRANZA_DEMO_USER vacío si ya existe)");
        }
        if (!env.getProperty("cobranza.demo.clients", "").isBlank()) {
            out.add("COBRANZA_DEMO_CLIENTS vacío (los usuarios de demostración no se crean en producción)");
        }
        return out;
    }
}
