package cl.cobranza.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Settings of the local stack. Each key has a default; a {@code cobranza.properties} file in the working
 * folder, then environment variables ({@code COBRANZA_API_PORT} for {@code cobranza.api.port}), then
 * {@code -D} system properties override it. {@link #DEFAULTS} is the configuration reference.
 */
public final class StackConfig {
    /** Every key with its default; the README's configuration table lists the same. */
    public static final Map<String, String> DEFAULTS = defaults();

    private final Map<String, String> values;

    private StackConfig(Map<String, String> values) {
        this.values = values;
    }

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("cobranza.data-dir", "./var");
        d.put("cobranza.timezone", "America/Santiago");
        d.put("cobranza.api.port", "8080");
        d.put("cobranza.demo.user", "demo");
        d.put("cobranza.demo.password", "demo");
        d.put("cobranza.postgres.port", "15432");
        d.put("cobranza.kafka.port", "19092");
        d.put("cobranza.kafka.controller-port", "19093");
        d.put("cobranza.kafka.partitions", "2");
        d.put("cobranza.kafka.separate-process", "false");
        d.put("cobranza.risk.model-file", "");
        d.put("cobranza.audit.retention-days", "731");
        d.put("cobranza.policy.preventive-days", "5");
        d.put("cobranza.policy.legal-min-days", "90");
        d.put("cobranza.policy.legal-min-open-clp", "1000000");
        d.put("cobranza.chile.holidays-file", "");
        d.put("cobranza.chile.uf-file", "");
        d.put("cobranza.clickhouse.url", "");
        d.put("cobranza.clickhouse.binary", "");
        d.put("cobranza.clickhouse.http-port", "18123");
        d.put("cobranza.clickhouse.tcp-port", "19000");
        d.put("cobranza.clickhouse.database", "cobranza");
        d.put("cobranza.clickhouse.writer-user", "cobranza_writer");
        d.put("cobranza.clickhouse.writer-password", "cobranza-local-writer");
        d.put("cobranza.clickhouse.reader-user", "cobranza_reader");
        d.put("cobranza.clickhouse.reader-password", "cobranza-local-reader");
        d.put("cobranza.flink.parallelism", "2");
        d.put("cobranza.flink.checkpoint-interval-ms", "2000");
        d.put("cobranza.sources-file", "");
        d.put("cobranza.capture.profiles", "");
        d.put("cobranza.capture.orphan-wait-seconds", "600");
        d.put("cobranza.capture.health-report-ms", "5000");
        d.put("cobranza.kpi.aging-edges", "30,60,90,120");
        d.put("cobranza.groups", "comercio:ferreteria-los-andes,panaderia-el-trigal;logistica:transportes-austral");
        d.put("cobranza.kpi.promise-grace-days", "3");
        d.put("cobranza.kpi.agency-fee-bps", "1500");
        d.put("cobranza.kpi.agent-clp-per-minute", "250");
        d.put("cobranza.generator.rate", "1");
        d.put("cobranza.generator.seed", "42");
        d.put("cobranza.generator.seed-customers", "40");
        d.put("cobranza.generator.seed-invoices", "1500");
        return d;
    }

    /** Defaults, then ./cobranza.properties, then environment, then system properties. */
    public static StackConfig load() throws IOException {
        Map<String, String> v = new LinkedHashMap<>(DEFAULTS);
        Path file = Path.of("cobranza.properties");
        if (Files.exists(file)) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            }
            p.stringPropertyNames().forEach(k -> v.put(k, p.getProperty(k)));
        }
        for (String key : DEFAULTS.keySet()) {
            String env = System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
            if (env != null) {
                v.put(key, env);
            }
            String sys = System.getProperty(key);
            if (sys != null) {
                v.put(key, sys);
            }
        }
        return new StackConfig(v);
    }

    /**
     * Settings of a stack that runs beside others (tests, harnesses): its data in {@code dir}, every port a free
     * one, then {@code settings} over the defaults.
     */
    public static StackConfig withFreePorts(Path dir, Map<String, String> settings) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cobranza.data-dir", dir.toString());
        for (String port : java.util.List.of("api.port", "postgres.port", "kafka.port", "kafka.controller-port",
                "clickhouse.http-port", "clickhouse.tcp-port")) {
            m.put("cobranza." + port, Integer.toString(cl.cobranza.warehouse.ClickHouseServer.freePort()));
        }
        m.putAll(settings);
        return of(m);
    }

    /** Defaults overridden by the given values (tests). */
    public static StackConfig of(Map<String, String> overrides) {
        Map<String, String> v = new LinkedHashMap<>(DEFAULTS);
        overrides.forEach((k, val) -> {
            if (!DEFAULTS.containsKey(k)) {
                throw new IllegalArgumentException("unknown setting " + k + "; known: " + DEFAULTS.keySet());
            }
            v.put(k, val);
        });
        return new StackConfig(v);
    }

    public String get(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("unknown setting " + key);
        }
        return v.trim();
    }

    public int getInt(String key) {
        try {
            return Integer.parseInt(get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + " must be a whole number, got '" + get(key) + "'");
        }
    }

    public boolean getBoolean(String key) {
        String v = get(key).trim().toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("setting " + key + " must be true or false, got '" + get(key) + "'");
        }
        return v.equals("true");
    }

    public double getDouble(String key) {
        try {
            return Double.parseDouble(get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + " must be a number, got '" + get(key) + "'");
        }
    }

    public Path dataDir() {
        return Path.of(get("cobranza.data-dir")).toAbsolutePath().normalize();
    }

    /**
     * Parses a list setting {@code key:value;key2:value2} (groups, profiles) into an ordered map; an entry
     * without a key or a value fails with the setting's name and the expected form.
     */
    static Map<String, String> pairs(String setting, String spec) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String entry : spec.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int colon = entry.indexOf(':');
            if (colon <= 0 || colon == entry.length() - 1) {
                throw new IllegalArgumentException(setting + ": '" + entry.strip() + "' is not id:client-a,client-b;"
                        + " write it as key:value entries separated by ';', e.g. "
                        + "comercio:ferreteria-los-andes,panaderia-el-trigal;logistica:transportes-austral");
            }
            pairs.put(entry.substring(0, colon).strip(), entry.substring(colon + 1).strip());
        }
        return pairs;
    }
}
