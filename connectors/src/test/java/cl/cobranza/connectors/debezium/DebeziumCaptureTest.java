package cl.cobranza.connectors.debezium;

import cl.cobranza.connectors.demo.DemoErp;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine settings per source kind (no database needed). */
class DebeziumCaptureTest {
    private static final Path OFFSETS = Path.of("/var/cobranza/debezium");

    @Test
    void postgresSettingsAreThoseThePlatformHasAlwaysUsed() {
        Properties p = DebeziumCapture.engineProperties(DebeziumCapture.Source.postgres("ferreteria-los-andes", "127.0.0.1",
                5432, "erp_ferreteria", "postgres", "pw", DemoErp.TABLES), OFFSETS);
        assertThat(map(p)).isEqualTo(Map.ofEntries(
                Map.entry("name", "erp-ferreteria-los-andes"),
                Map.entry("connector.class", "io.debezium.connector.postgresql.PostgresConnector"),
                Map.entry("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore"),
                Map.entry("offset.storage.file.filename", "/var/cobranza/debezium/ferreteria-los-andes.offsets"),
                Map.entry("offset.flush.interval.ms", "1000"),
                Map.entry("database.hostname", "127.0.0.1"),
                Map.entry("database.port", "5432"),
                Map.entry("database.user", "postgres"),
                Map.entry("database.password", "pw"),
                Map.entry("database.dbname", "erp_ferreteria"),
                Map.entry("topic.prefix", "raw.ferreteria-los-andes"),
                Map.entry("plugin.name", "pgoutput"),
                Map.entry("slot.name", "cobranza_ferreteria_los_andes"),
                Map.entry("publication.name", "cobranza_ferreteria_los_andes"),
                Map.entry("publication.autocreate.mode", "filtered"),
                Map.entry("table.include.list", "public.customers,public.invoices,public.credit_notes,public.payments"),
                Map.entry("decimal.handling.mode", "string"),
                Map.entry("tombstones.on.delete", "false"),
                Map.entry("key.converter.schemas.enable", "false"),
                Map.entry("value.converter.schemas.enable", "false"),
                Map.entry("heartbeat.interval.ms", "10000"),
                Map.entry("snapshot.mode", "initial"),
                Map.entry("poll.interval.ms", "50"),
                Map.entry("max.batch.size", "2048"),
                Map.entry("max.queue.size", "8192"),
                Map.entry("errors.max.retries", "-1"),
                Map.entry("errors.retry.delay.initial.ms", "500"),
                Map.entry("errors.retry.delay.max.ms", "10000")));
    }

    @Test
    void mySqlSettingsAddTheBinlogOnes() {
        Map<String, String> p = map(DebeziumCapture.engineProperties(DebeziumCapture.Source.mysql("panaderia", "10.0.0.5",
                3306, "erp", "debezium", "pw", List.of("erp.documentos", "erp.abonos")), OFFSETS));
        assertThat(p).containsEntry("connector.class", "io.debezium.connector.mysql.MySqlConnector")
                .containsEntry("topic.prefix", "raw.panaderia")
                .containsEntry("database.include.list", "erp")
                .containsEntry("table.include.list", "erp.documentos,erp.abonos")
                .containsEntry("schema.history.internal", "io.debezium.storage.file.history.FileSchemaHistory")
                .containsEntry("schema.history.internal.file.filename", "/var/cobranza/debezium/panaderia.schema-history")
                .containsEntry("offset.storage.file.filename", "/var/cobranza/debezium/panaderia.offsets")
                .containsEntry("include.schema.changes", "false")
                .containsEntry("converters", "boolean")
                .containsEntry("boolean.type", "io.debezium.connector.binlog.converters.TinyIntOneToBooleanConverter")
                .containsEntry("decimal.handling.mode", "string")
                .containsEntry("tombstones.on.delete", "false")
                .containsEntry("snapshot.mode", "initial")
                .containsEntry("heartbeat.interval.ms", "10000")
                .containsEntry("errors.max.retries", "-1")
                .doesNotContainKeys("database.dbname", "slot.name", "plugin.name");
        assertThat(Long.parseLong(p.get("database.server.id"))).isBetween(100_000L, 999_999L)
                .isEqualTo(DebeziumCapture.replicaServerId("panaderia"));
    }

    @Test
    void mariaDbIsNotADebeziumEngineKind() {
        DebeziumCapture.Source maria = DebeziumCapture.Source.mariadb("x", "h", 3306, "erp", "u", "p", List.of("erp.t"));
        assertThat(DebeziumCapture.Kind.MARIADB.connectorClass()).isNull();
        assertThat(DebeziumCapture.Kind.MARIADB.binlog()).isTrue();
        assertThatThrownBy(() -> DebeziumCapture.engineProperties(maria, OFFSETS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MariaDbBinlogCapture");
    }

    @Test
    void sourceNamesAndTablesAreChecked() {
        assertThatThrownBy(() -> DebeziumCapture.Source.mariadb("a.b", "h", 1, "erp", "u", "p", List.of("erp.t")))
                .hasMessageContaining("source name");
        assertThatThrownBy(() -> DebeziumCapture.Source.mariadb("ab", "h", 1, "erp", "u", "p", List.of("t")))
                .hasMessageContaining("database.table");
        assertThatThrownBy(() -> DebeziumCapture.Source.postgres("ab", "h", 1, "erp", "u", "p", List.of("public.t.x")))
                .hasMessageContaining("schema.table");
        assertThat(DebeziumCapture.Source.mariadb("ab", "h", 1, "erp", "u", "secret", List.of("erp.t")).toString())
                .doesNotContain("secret");
    }

    private static Map<String, String> map(Properties p) {
        return p.stringPropertyNames().stream().collect(Collectors.toMap(k -> k, p::getProperty));
    }
}
