package cl.cobranza.launcher;


import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes one Kafka Connect connector JSON per source of a sources file, for the distributed mode: the
 * same topics and capture settings as the local stack's embedded engines.
 * Run: {@code java -cp launcher/target/cobranza-local.jar cl.cobranza.launcher.ConnectConfigs sources.yaml out/}.
 */
public final class ConnectConfigs {
    private ConnectConfigs() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: ConnectConfigs <sources.yaml> <output folder>");
            System.exit(2);
        }
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        for (SourcesFile.Source s : SourcesFile.read(Path.of(args[0]))) {
            List<String> tables = !s.tables().isEmpty() ? s.tables() : SourcesFile.profileTables(s);
            Path file = out.resolve("erp-" + s.client() + ".json");
            Files.writeString(file, SourcesFile.connectorConfig(s, tables, "postgres", 5432) + "\n");
            System.out.println("wrote " + file);
        }
    }
}
