package cl.cobranza.warehouse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link KpiChanges} read with the API's read-only user: the token stays while nothing is written and moves at every
 * write, even a rewrite with the same version and an older clock that a merge has already folded into one row.
 */
@ExtendWith(ClickHouseExtension.class)
class KpiChangesTest {
    private static final LocalDate DAY = LocalDate.of(1972, 6, 30);

    private static Warehouse writerWarehouse;
    private static Warehouse readerWarehouse;
    private static KpiChanges changes;

    @BeforeAll
    static void open(ClickHouseServer server) {
        writerWarehouse = new Warehouse(server.writerSettings());
        readerWarehouse = new Warehouse(server.readerSettings());
        changes = new KpiChanges(readerWarehouse);
    }

    @AfterAll
    static void close() {
        writerWarehouse.close();
        readerWarehouse.close();
    }

    @Test
    void theTokenMovesAtEveryWriteAndOnlyThen() throws InterruptedException {
        WarehouseWriter behind = new WarehouseWriter(writerWarehouse, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        behind.writeDaily(List.of(KpiRows.daily("kc-alfa", DAY, 100, 50, 1, 1, 1)));
        merge();
        String first = changes.token();
        assertThat(changes.token()).as("nothing written").isEqualTo(first);

        behind.writeDaily(List.of(KpiRows.daily("kc-alfa", DAY, 100, 90, 1, 1, 1)));
        merge(); // the same row count, max(version) and max(updated_at) as before the write
        String rewritten = changes.token();
        assertThat(rewritten).isNotEqualTo(first);

        behind.upsertClients(List.of(new ClientInfo("kc-alfa", "Alfa Cambios SpA", "76.200.001-1")));
        String renamed = changes.token();
        assertThat(renamed).isNotEqualTo(rewritten);

        writerWarehouse.execute("ALTER TABLE kpi_client_daily UPDATE overdue_clp = 80 WHERE client_id = 'kc-alfa'");
        awaitMutations(); // 18.16 runs them in the background only
        assertThat(changes.token()).as("a mutation").isNotEqualTo(renamed);
    }

    private static void awaitMutations() throws InterruptedException {
        String pending = "SELECT count() AS n FROM system.mutations WHERE database = currentDatabase() AND NOT is_done";
        for (int i = 0; i < 200 && writerWarehouse.query(pending).get(0).get("n").asLong() > 0; i++) {
            Thread.sleep(50);
        }
    }

    private static void merge() {
        for (String table : KpiChanges.TABLES) {
            writerWarehouse.execute("OPTIMIZE TABLE " + table + " FINAL");
        }
    }
}
