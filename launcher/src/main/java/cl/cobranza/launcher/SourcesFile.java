package cl.cobranza.launcher;

import cl.cobranza.connectors.demo.DemoClient;
import cl.cobranza.core.rut.Rut;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The ERP sources, one per client company, read from a YAML file ({@code cobranza.sources-file}): who the
 * client is, where its ERP database is, and which mapping profile reads it. The same file drives the
 * local stack (one Debezium embedded engine per source) and the distributed mode (one Kafka Connect
 * connector JSON per source, {@link #connectorConfig}). Every error names the entry, the key and the fix.
 */
public final class SourcesFile {
    /** Client ids become topic names and table keys: lower-case letters, digits and dashes. */
    static final Pattern CLIENT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Database kinds a source can be. */
    public enum Kind { POSTGRESQL, MYSQL, MARIADB }

    /**
     * One client's ERP source. {@code port} null means the local stack's PostgreSQL; {@code demo} true means
     * the local stack creates the database with the demo ERP schema and generates data in it.
     */
    public record Source(String client, String name, String rut, Kind kind, String host, Integer port, String database,
                         String user, String password, String profile, List<String> tables, boolean demo) {
        /** The schema whose tables are captured: {@code public} in PostgreSQL, the database itself in MySQL/MariaDB. */
        public String schema() {
            return kind == Kind.POSTGRESQL ? "public" : database;
        }

        /** The source as a demo client of the local stack. */
        public DemoClient demoClient() {
            return new DemoClient(client, name, rut, database);
        }
    }

    private SourcesFile() {
    }

    /** The built-in sources when no file is given: the three demo clients, on the local PostgreSQL. */
    public static List<Source> demoDefaults() {
        List<Source> sources = new ArrayList<>();
        for (DemoClient c : DemoClient.defaults()) {
            sources.add(new Source(c.clientId(), c.name(), c.rut(), Kind.POSTGRESQL, "127.0.0.1", null, c.database(),
                    "postgres", "postgres", "demo-erp", List.of(), true));
        }
        return sources;
    }

    /** Reads and validates a sources file. */
    public static List<Source> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("sources file " + file + " does not exist: set cobranza.sources-file to a "
                    + "YAML file (see the README, 'ERP sources'), or leave it empty for the demo clients");
        }
        return parse(Files.readString(file), file.toString());
    }

    /** Parses and validates sources YAML; {@code origin} names it in errors. */
    public static List<Source> parse(String yaml, String origin) throws IOException {
        JsonNode root = YAML.readTree(yaml);
        if (root == null || !root.path("sources").isArray() || root.path("sources").isEmpty()) {
            throw new IllegalArgumentException(origin + ": expected a top-level 'sources:' list with one entry per client ERP");
        }
        List<Source> sources = new ArrayList<>();
        Set<String> clients = new HashSet<>();
        int i = 0;
        for (JsonNode n : root.get("sources")) {
            String at = origin + ": sources[" + i++ + "]";
            checkKeys(n, at);
            String client = required(n, "client", at);
            if (!CLIENT_ID.matcher(client).matches() || client.equals("platform")) {
                throw new IllegalArgumentException(at + ".client '" + client + "' is not a usable client id: use 2-63 "
                        + "lower-case letters, digits and dashes (e.g. ferreteria-los-andes); 'platform' is reserved");
            }
            if (!clients.add(client)) {
                throw new IllegalArgumentException(at + ".client '" + client + "' appears twice: one entry per client");
            }
            String rut = required(n, "rut", at);
            try {
                Rut.parse(rut);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(at + ".rut: " + e.getMessage());
            }
            Kind kind;
            String kindText = n.path("kind").asText("postgresql");
            try {
                kind = Kind.valueOf(kindText.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(at + ".kind '" + kindText + "' is unknown: use postgresql, mysql or mariadb");
            }
            boolean demo = n.path("demo").asBoolean(false);
            if (demo && kind != Kind.POSTGRESQL) {
                throw new IllegalArgumentException(at + ".demo: demo data is generated only into PostgreSQL sources; "
                        + "remove 'demo: true' or use kind: postgresql");
            }
            Integer port = null;
            if (n.hasNonNull("port")) {
                if (!n.get("port").canConvertToInt() || n.get("port").asInt() < 1 || n.get("port").asInt() > 65_535) {
                    throw new IllegalArgumentException(at + ".port '" + n.get("port").asText() + "' is not a TCP port (1-65535)");
                }
                port = n.get("port").asInt();
            } else if (!demo) {
                throw new IllegalArgumentException(at + ".port is missing: give the ERP database's port");
            }
            List<String> tables = new ArrayList<>();
            for (JsonNode t : n.path("tables")) {
                tables.add(t.asText());
            }
            sources.add(new Source(client, required(n, "name", at), rut, kind, n.path("host").asText("127.0.0.1"), port,
                    required(n, "database", at), n.path("user").asText(demo ? "postgres" : ""),
                    n.path("password").asText(demo ? "postgres" : ""), n.path("profile").asText("demo-erp"),
                    List.copyOf(tables), demo));
            if (!demo && sources.get(sources.size() - 1).user().isBlank()) {
                throw new IllegalArgumentException(at + ".user is missing: give a database user with replication rights");
            }
        }
        return List.copyOf(sources);
    }

    private static final Set<String> KEYS = Set.of("client", "name", "rut", "kind", "host", "port", "database", "user",
            "password", "profile", "tables", "demo");

    private static void checkKeys(JsonNode n, String at) {
        if (!n.isObject()) {
            throw new IllegalArgumentException(at + " is not a mapping: write 'client: …', 'database: …' on their own lines");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(at + "." + key + " is not a known key; known keys: " + new java.util.TreeSet<>(KEYS));
            }
        }
    }

    private static String required(JsonNode n, String key, String at) {
        String v = n.path(key).asText("").trim();
        if (v.isEmpty()) {
            throw new IllegalArgumentException(at + "." + key + " is missing");
        }
        return v;
    }

    /** The tables a source's capture reads: those its mapping profile maps, in the source's schema. */
    public static List<String> profileTables(Source s) {
        List<String> tables = new ArrayList<>();
        for (String t : cl.cobranza.core.normalize.profile.MappingProfile.load(s.profile()).tables()) {
            tables.add(s.schema() + "." + t);
        }
        return tables;
    }

    /**
     * The Kafka Connect connector configuration of a source for the distributed mode: the same topics
     * ({@code raw.<client>.<schema>.<table>}), capture settings and guarantees as the embedded engine.
     */
    public static String connectorConfig(Source s, List<String> tables, String localPostgresHost, int localPostgresPort) {
        ObjectNode root = JSON.createObjectNode();
        root.put("name", "erp-" + s.client());
        ObjectNode c = root.putObject("config");
        String host = s.port() == null ? localPostgresHost : s.host();
        int port = s.port() == null ? localPostgresPort : s.port();
        switch (s.kind()) {
            case POSTGRESQL:
                String slot = "cobranza_" + s.client().replace('-', '_');
                c.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
                c.put("plugin.name", "pgoutput");
                c.put("slot.name", slot);
                c.put("publication.name", slot);
                c.put("publication.autocreate.mode", "filtered");
                c.put("database.dbname", s.database());
                break;
            case MYSQL:
            case MARIADB:
                c.put("connector.class", s.kind() == Kind.MARIADB ? "io.debezium.connector.mariadb.MariaDbConnector"
                        : "io.debezium.connector.mysql.MySqlConnector");
                c.put("database.server.id", Integer.toString(5400 + Math.floorMod(s.client().hashCode(), 1000)));
                c.put("database.include.list", s.database());
                c.put("schema.history.internal.kafka.topic", "_schema-history." + s.client());
                c.put("schema.history.internal.kafka.bootstrap.servers", "${env:KAFKA_BOOTSTRAP}");
                break;
            default:
                throw new IllegalStateException("unknown kind " + s.kind());
        }
        c.put("database.hostname", host);
        c.put("database.port", Integer.toString(port));
        c.put("database.user", s.user());
        c.put("database.password", s.password());
        c.put("topic.prefix", "raw." + s.client());
        c.put("table.include.list", String.join(",", tables));
        c.put("decimal.handling.mode", "string");
        c.put("tombstones.on.delete", "false");
        c.put("heartbeat.interval.ms", "10000");
        c.put("snapshot.mode", "initial");
        c.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        c.put("key.converter.schemas.enable", "false");
        c.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        c.put("value.converter.schemas.enable", "false");
        c.put("errors.max.retries", "-1");
        c.put("errors.retry.delay.initial.ms", "500");
        c.put("errors.retry.delay.max.ms", "10000");
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
