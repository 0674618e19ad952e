package cl.cobranza.launcher;

import cl.cobranza.connectors.demo.PlatformDb;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one Kafka Connect connector JSON per source of a sources file, for the distributed mode: the
 * same topics and capture settings as the local stack's embedded engines. Sources without a port (the demo
 * ones) are on the distributed mode's PostgreSQL, host {@code postgres}:5432, whose superuser password is
 * taken from {@code COBRANZA_POSTGRES_PASSWORD} when set.
 * Run: {@code java -cp launcher/target/cobranza-local.jar cl.cobranza.launcher.ConnectConfigs sources.yaml out/}
 * ({@code --demo} instead of the file: the three demo clients); {@code --platform} adds the platform database's
 * connector (collection work), {@code --register http://connect:8083} also creates or updates each connector
 * in that Kafka Connect cluster ({@code PUT /connectors/<name>/config}, so running it again is harmless).
 */
public final class ConnectConfigs {
    /** The distributed mode's PostgreSQL (docker-compose.yml's service) for sources without a port. */
    static final String POSTGRES_HOST = "postgres";
    static final int POSTGRES_PORT = 5432;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConnectConfigs() {
    }

    public static void main(String[] args) throws Exception {
        List<String> positional = new ArrayList<>();
        boolean platform = false;
        String register = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--platform" -> platform = true;
                case "--register" -> {
                    if (i + 1 >= args.length) {
                        usage();
                    }
                    register = args[++i];
                }
                default -> positional.add(args[i]);
            }
        }
        if (positional.size() != 2) {
            usage();
        }
        String password = System.getenv("COBRANZA_POSTGRES_PASSWORD");
        List<SourcesFile.Source> sources = new ArrayList<>();
        for (SourcesFile.Source s : positional.get(0).equals("--demo") ? SourcesFile.demoDefaults()
                : SourcesFile.read(Path.of(positional.get(0)))) {
            sources.add(s.port() == null && password != null ? withPassword(s, password) : s);
        }
        if (platform) {
            sources.add(new SourcesFile.Source(PlatformDb.SOURCE, "platform", "", SourcesFile.Kind.POSTGRESQL,
                    POSTGRES_HOST, null, PlatformDb.DATABASE, "postgres", password == null ? "postgres" : password,
                    "demo-erp", PlatformDb.TABLES, false));
        }
        Path out = Path.of(positional.get(1));
        Files.createDirectories(out);
        List<String> configs = new ArrayList<>();
        for (SourcesFile.Source s : sources) {
            List<String> tables = !s.tables().isEmpty() ? s.tables() : SourcesFile.profileTables(s);
            String config = SourcesFile.connectorConfig(s, tables, POSTGRES_HOST, POSTGRES_PORT);
            Path file = out.resolve("erp-" + s.client() + ".json");
            Files.writeString(file, config + "\n");
            System.out.println("wrote " + file);
            configs.add(config);
        }
        if (register != null) {
            for (String config : configs) {
                register(register, config, Duration.ofMinutes(5));
            }
        }
    }

    private static void usage() {
        System.err.println("usage: ConnectConfigs <sources.yaml | --demo> <output folder> [--platform] [--register <connect url>]");
        System.exit(2);
    }

    private static SourcesFile.Source withPassword(SourcesFile.Source s, String password) {
        return new SourcesFile.Source(s.client(), s.name(), s.rut(), s.kind(), s.host(), s.port(), s.database(), s.user(),
                password, s.profile(), s.tables(), s.demo());
    }

    /** Creates or updates one connector, retrying while Kafka Connect is not answering yet. */
    static void register(String connectUrl, String connectorJson, Duration patience) throws Exception {
        JsonNode root = JSON.readTree(connectorJson);
        String name = root.get("name").asText();
        URI uri = URI.create(connectUrl.replaceAll("/+$", "") + "/connectors/" + name + "/config");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest put = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(root.get("config")))).build();
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            String problem;
            try {
                HttpResponse<String> r = http.send(put, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 || r.statusCode() == 201) {
                    System.out.println((r.statusCode() == 201 ? "created " : "updated ") + name + " at " + connectUrl);
                    return;
                }
                problem = "HTTP " + r.statusCode() + ": " + r.body();
                if (r.statusCode() == 400 || r.statusCode() == 422) {
                    throw new IllegalStateException("Kafka Connect refused connector " + name + ": " + problem);
                }
            } catch (java.io.IOException e) {
                problem = e.toString();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not register connector " + name + " at " + connectUrl + ": " + problem);
            }
            System.out.println("waiting for Kafka Connect (" + problem + ")");
            Thread.sleep(3000);
        }
    }
}
