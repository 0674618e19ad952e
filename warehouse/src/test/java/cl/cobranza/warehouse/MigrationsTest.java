package cl.cobranza.warehouse;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(ClickHouseExtension.class)
class MigrationsTest {

    @Test
    void platformSchemaIsCurrentAndSecondRunIsANoOp(ClickHouseServer server) {
        // the extension migrated already; running again must change nothing
        assertThat(Migrations.migrate(server.writerSettings())).isEmpty();
        try (Warehouse warehouse = new Warehouse(server.writerSettings())) {
            List<JsonNode> applied = warehouse.query("SELECT version, name FROM schema_migrations ORDER BY version");
            assertThat(applied).extracting(r -> r.get("name").asText())
                    .containsExactly("V001__invoice_state.sql", "V002__kpis.sql", "V003__source_status.sql", "V004__dead_letter_key.sql",
                            "V005__invoice_activity.sql", "V006__debtor_risk.sql", "V007__invoice_history.sql");

            assertThat(columns(warehouse, "invoice_state")).isEqualTo("client_id String, invoice_id String, debtor_id String, "
                    + "dte_type UInt16, folio UInt64, issue_date Date, due_date Date, total_clp Int64, credited_clp Int64, "
                    + "paid_clp Int64, open_clp Int64, is_deleted UInt8, version UInt64, updated_at DateTime, "
                    + "last_action_date Date, last_channel String, last_outcome String, actions UInt32, "
                    + "promise_made_on Date, promise_date Date, promise_clp Int64, broken_promises UInt32, movements String, "
                    + "contacts String, promises String");
            assertThat(columns(warehouse, "kpi_recovery_cohort")).isEqualTo("client_id String, cohort Date, invoices Int64, "
                    + "placed_clp Int64, recovered_clp Array(Int64), version UInt64, updated_at DateTime");
            assertThat(warehouse.query("EXISTS TABLE client_receivables_daily").get(0).get("result").asInt()).isZero();
            assertThat(columns(warehouse, "clients")).isEqualTo("client_id String, name String, rut String, version UInt64");
        }
    }

    @Test
    void appliesInOrderOnceAndRefusesAnEditedFile(ClickHouseServer server) {
        String database = "migrations_test_" + System.nanoTime();
        WarehouseSettings settings = server.writerSettings().withDatabase(database);
        Warehouse.createDatabase(settings.url(), settings.user(), settings.password(), database);
        ClassLoader loader = getClass().getClassLoader();
        try (Warehouse warehouse = new Warehouse(settings)) {
            assertThat(new Migrations(warehouse, "test-migrations/first", loader).apply())
                    .containsExactly("V001__a.sql", "V002__b.sql");
            assertThat(new Migrations(warehouse, "test-migrations/first", loader).apply()).isEmpty();
            assertThat(warehouse.query("SELECT name FROM system.tables WHERE database = " + SqlLiteral.string(database)
                    + " ORDER BY name").stream().map(r -> r.get("name").asText()))
                    .containsExactly("mig_a", "mig_a2", "mig_b", "schema_migrations");

            assertThatThrownBy(() -> new Migrations(warehouse, "test-migrations/edited", loader).apply())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("V001__a.sql was changed after it was applied")
                    .hasMessageContaining("new V003__");
        } finally {
            try (Warehouse cleanup = new Warehouse(server.writerSettings())) {
                cleanup.execute("DROP DATABASE IF EXISTS " + database);
            }
        }
    }

    @Test
    void splitsOnSemicolonsAtLineEndsOnly() {
        assertThat(Migrations.split("-- header\nCREATE TABLE a (s String DEFAULT ';');  \nSELECT 1;\n-- end\n"))
                .containsExactly("-- header\nCREATE TABLE a (s String DEFAULT ';')", "SELECT 1");
    }

    private static String columns(Warehouse warehouse, String table) {
        return warehouse.query("SELECT name, type FROM system.columns WHERE database = currentDatabase() AND table = "
                        + SqlLiteral.string(table)).stream()
                .map(r -> r.get("name").asText() + " " + r.get("type").asText())
                .collect(Collectors.joining(", "));
    }
}
