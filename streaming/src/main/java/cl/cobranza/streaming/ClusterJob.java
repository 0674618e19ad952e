package cl.cobranza.streaming;

import cl.cobranza.core.risk.RiskModel;
import cl.cobranza.streaming.receivables.TermsBook;
import cl.cobranza.warehouse.Migrations;
import cl.cobranza.warehouse.WarehouseSettings;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The receivables job for a Flink cluster: {@code flink run -d streaming-*-job.jar [--key value …]}. The same
 * job, topics and tables as the local stack ({@link LocalJobRunner#buildJob}); the cluster's own configuration
 * decides state backend, checkpoint storage and restarts. Each setting is read from a program argument
 * ({@code --cobranza.kafka.bootstrap-servers kafka:9092} or {@code --cobranza.kafka.bootstrap-servers=kafka:9092}),
 * else from the environment of the submitting process ({@code COBRANZA_KAFKA_BOOTSTRAP_SERVERS}), else its
 * default in {@link #DEFAULTS}; settings without a default are required.
 */
public final class ClusterJob {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterJob.class);

    /** Every setting with its default ({@code null}: required). */
    public static final Map<String, String> DEFAULTS = defaults();

    private ClusterJob() {
    }

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("cobranza.kafka.bootstrap-servers", null);
        d.put("cobranza.clickhouse.url", null);
        d.put("cobranza.clickhouse.database", "cobranza");
        d.put("cobranza.clickhouse.writer-user", "cobranza_writer");
        d.put("cobranza.clickhouse.writer-password", null);
        // the submitting process applies pending warehouse migrations before the job starts (idempotent)
        d.put("cobranza.clickhouse.migrate", "true");
        d.put("cobranza.timezone", "America/Santiago");
        // 0: the cluster's parallelism.default (or flink run -p)
        d.put("cobranza.flink.parallelism", "0");
        d.put("cobranza.flink.checkpoint-interval-ms", "10000");
        // source:profile;source2:profile2 (sources not named are read with the demo ERP's profile)
        d.put("cobranza.capture.profiles", "");
        d.put("cobranza.capture.orphan-wait-seconds", "600");
        d.put("cobranza.risk.model-file", "");
        d.put("cobranza.kpi.aging-edges", "30,60,90,120");
        d.put("cobranza.kpi.promise-grace-days", "3");
        d.put("cobranza.kpi.agency-fee-bps", "1500");
        d.put("cobranza.kpi.agent-clp-per-minute", "250");
        return java.util.Collections.unmodifiableMap(d);
    }

    /** A cluster run's settings: the job's wiring plus parallelism and checkpoint interval. */
    public record Settings(LocalJobRunner.JobSettings job, int parallelism, Duration checkpointInterval, boolean migrate) {
    }

    public static void main(String[] args) throws Exception {
        Settings s = settings(args, System.getenv());
        if (s.migrate()) {
            List<String> applied = Migrations.migrate(s.job().warehouse());
            LOG.info("warehouse {}: {}", s.job().warehouse().url(),
                    applied.isEmpty() ? "schema current" : "migrations applied " + applied);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        configure(env, s);
        LocalJobRunner.buildJob(s.job()).build(env);
        env.execute("cobranza-receivables-v" + LocalJobRunner.STATE_VERSION);
    }

    /** Parallelism (when set) and exactly-once checkpoints at the configured interval. */
    static void configure(StreamExecutionEnvironment env, Settings s) {
        if (s.parallelism() > 0) {
            env.setParallelism(s.parallelism());
        }
        env.enableCheckpointing(s.checkpointInterval().toMillis());
    }

    /** Reads the settings from program arguments over environment variables over defaults. */
    public static Settings settings(String[] args, Map<String, String> env) {
        Map<String, String> v = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : DEFAULTS.entrySet()) {
            String fromEnv = env.get(envName(e.getKey()));
            v.put(e.getKey(), fromEnv != null ? fromEnv : e.getValue());
        }
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "': write --cobranza.<setting> <value>");
            }
            String key = a.substring(2);
            String value;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + key + " has no value");
            }
            if (!DEFAULTS.containsKey(key)) {
                throw new IllegalArgumentException("unknown setting --" + key + "; known: " + DEFAULTS.keySet());
            }
            v.put(key, value);
        }
        for (Map.Entry<String, String> e : v.entrySet()) {
            if (e.getValue() == null || e.getValue().isBlank() && DEFAULTS.get(e.getKey()) == null) {
                throw new IllegalArgumentException("setting " + e.getKey() + " is required: pass --" + e.getKey()
                        + " <value> or set " + envName(e.getKey()));
            }
        }
        WarehouseSettings writer = new WarehouseSettings(v.get("cobranza.clickhouse.url").trim(),
                v.get("cobranza.clickhouse.database").trim(), v.get("cobranza.clickhouse.writer-user").trim(),
                v.get("cobranza.clickhouse.writer-password"));
        String modelFile = v.get("cobranza.risk.model-file").trim();
        TermsBook terms = TermsBook.uniform(TermsBook.parseEdges(v.get("cobranza.kpi.aging-edges")),
                integer(v, "cobranza.kpi.promise-grace-days"), integer(v, "cobranza.kpi.agent-clp-per-minute"),
                integer(v, "cobranza.kpi.agency-fee-bps"));
        LocalJobRunner.JobSettings job = new LocalJobRunner.JobSettings(v.get("cobranza.kafka.bootstrap-servers").trim(),
                writer, ZoneId.of(v.get("cobranza.timezone").trim()), terms,
                Duration.ofSeconds(integer(v, "cobranza.capture.orphan-wait-seconds")),
                profiles(v.get("cobranza.capture.profiles")),
                modelFile.isEmpty() ? RiskModel.bundled() : RiskModel.load(Path.of(modelFile)));
        return new Settings(job, integer(v, "cobranza.flink.parallelism"),
                Duration.ofMillis(integer(v, "cobranza.flink.checkpoint-interval-ms")),
                Boolean.parseBoolean(v.get("cobranza.clickhouse.migrate").trim()));
    }

    /** {@code cobranza.kafka.bootstrap-servers} → {@code COBRANZA_KAFKA_BOOTSTRAP_SERVERS}, as in the local stack. */
    static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static int integer(Map<String, String> v, String key) {
        try {
            return Integer.parseInt(v.get(key).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + " must be a whole number, got '" + v.get(key) + "'");
        }
    }

    /** {@code source:profile;source2:profile2} → source → profile. */
    static Map<String, String> profiles(String spec) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String entry : spec.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int colon = entry.indexOf(':');
            if (colon <= 0 || colon == entry.length() - 1) {
                throw new IllegalArgumentException("cobranza.capture.profiles: '" + entry.strip()
                        + "' is not source:profile; write e.g. distribuidora-sur:erp-espanol;otra:demo-erp");
            }
            m.put(entry.substring(0, colon).strip(), entry.substring(colon + 1).strip());
        }
        return m;
    }
}
