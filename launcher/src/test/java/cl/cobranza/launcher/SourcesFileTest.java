package cl.cobranza.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sources file: parsing, every validation error naming entry, key and fix, and the Kafka Connect form. */
class SourcesFileTest {
    private static final String MARIADB = """
            sources:
              - client: distribuidora-sur
                name: Distribuidora Sur SpA
                rut: 76.086.428-5
                kind: MariaDB
                host: 10.0.0.12
                port: 3306
                database: erp
                user: debezium
                password: secret
                profile: erp-espanol
            """;

    @Test
    void theExampleFileIsTheDemo() throws Exception {
        List<SourcesFile.Source> sources = SourcesFile.read(Path.of("..", "sources.example.yaml"));
        assertThat(sources).isEqualTo(SourcesFile.demoDefaults());
    }

    @Test
    void aRealSourceKeepsEveryKey() throws Exception {
        SourcesFile.Source s = SourcesFile.parse(MARIADB, "t.yaml").get(0);
        assertThat(s).isEqualTo(new SourcesFile.Source("distribuidora-sur", "Distribuidora Sur SpA", "76.086.428-5",
                SourcesFile.Kind.MARIADB, "10.0.0.12", 3306, "erp", "debezium", "secret", "erp-espanol", List.of(), false));
    }

    @Test
    void errorsNameTheEntryTheKeyAndTheFix() {
        assertError("sources: []", "expected a top-level 'sources:' list");
        assertError(MARIADB.replace("client: distribuidora-sur", "client: Distribuidora Sur"), "sources[0].client",
                "lower-case letters");
        assertError(MARIADB.replace("client: distribuidora-sur", "client: platform"), "'platform' is reserved");
        assertError(MARIADB.replace("rut: 76.086.428-5", "rut: 76.086.428-4"), "sources[0].rut");
        assertError(MARIADB.replace("kind: MariaDB", "kind: oracle"), "sources[0].kind 'oracle' is unknown",
                "postgresql, mysql or mariadb");
        assertError(MARIADB.replace("    port: 3306\n", ""), "sources[0].port is missing");
        assertError(MARIADB.replace("    port: 3306", "    port: 99999"), "not a TCP port");
        assertError(MARIADB.replace("    profile: erp-espanol", "    profile: erp-espanol\n    demo: true"),
                "demo data is generated only into PostgreSQL");
        assertError(MARIADB.replace("    profile: erp-espanol", "    profile: erp-espanol\n    pasword: x"),
                "sources[0].pasword is not a known key");
        assertError(MARIADB + MARIADB.replace("sources:\n", ""), "sources[1].client 'distribuidora-sur' appears twice");
    }

    @Test
    void connectorConfigCarriesTheSameCaptureSettingsAsTheEmbeddedEngine() throws Exception {
        SourcesFile.Source pg = SourcesFile.demoDefaults().get(0);
        JsonNode c = new ObjectMapper().readTree(SourcesFile.connectorConfig(pg,
                List.of("public.customers", "public.invoices"), "postgres", 5432)).get("config");
        assertThat(c.get("connector.class").asText()).isEqualTo("io.debezium.connector.postgresql.PostgresConnector");
        assertThat(c.get("topic.prefix").asText()).isEqualTo("raw.ferreteria-los-andes");
        assertThat(c.get("database.hostname").asText()).isEqualTo("postgres");
        assertThat(c.get("database.port").asText()).isEqualTo("5432");
        assertThat(c.get("table.include.list").asText()).isEqualTo("public.customers,public.invoices");
        assertThat(c.get("decimal.handling.mode").asText()).isEqualTo("string");
        assertThat(c.get("slot.name").asText()).isEqualTo("cobranza_ferreteria_los_andes");

        JsonNode m = new ObjectMapper().readTree(SourcesFile.connectorConfig(SourcesFile.parse(MARIADB, "t").get(0),
                List.of("erp.documentos"), "postgres", 5432)).get("config");
        assertThat(m.get("connector.class").asText()).isEqualTo("io.debezium.connector.mariadb.MariaDbConnector");
        assertThat(m.get("database.hostname").asText()).isEqualTo("10.0.0.12");
        assertThat(m.get("database.include.list").asText()).isEqualTo("erp");
    }

    private static void assertError(String yaml, String... fragments) {
        assertThatThrownBy(() -> SourcesFile.parse(yaml, "t.yaml")).satisfies(e -> {
            for (String f : fragments) {
                assertThat(e.getMessage()).contains(f);
            }
        });
    }
}
