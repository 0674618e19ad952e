package cl.cobranza.warehouse;

import cl.cobranza.core.state.InvoiceSnapshot;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static cl.cobranza.warehouse.InvoiceBuilder.invoice;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ClickHouseExtension.class)
class WarehouseWriterTest {
    private static final Logger LOG = LoggerFactory.getLogger(WarehouseWriterTest.class);

    @Test
    void writesEveryColumnAsGiven(ClickHouseServer server) {
        Clock fixed = Clock.fixed(Instant.parse("2024-03-31T23:59:58Z"), ZoneOffset.UTC);
        try (Warehouse warehouse = new Warehouse(server.writerSettings())) {
            new WarehouseWriter(warehouse, fixed).writeInvoices(List.of(invoice("ww-cols", "F-61-7").debtor("9.876.543-2")
                    .dteType(61).folio(7).issued(LocalDate.of(2024, 2, 29)).due(LocalDate.of(2024, 3, 30))
                    .total(1_000).credited(100).paid(200).voided().version(Long.MAX_VALUE / 2).build()));
            JsonNode row = warehouse.query("SELECT * FROM invoice_state WHERE client_id = 'ww-cols'").get(0);
            assertThat(row.get("debtor_id").asText()).isEqualTo("9.876.543-2");
            assertThat(row.get("dte_type").asInt()).isEqualTo(61);
            assertThat(row.get("folio").asLong()).isEqualTo(7);
            assertThat(row.get("issue_date").asText()).isEqualTo("2024-02-29");
            assertThat(row.get("due_date").asText()).isEqualTo("2024-03-30");
            assertThat(row.get("total_clp").asLong()).isEqualTo(1_000);
            assertThat(row.get("credited_clp").asLong()).isEqualTo(100);
            assertThat(row.get("paid_clp").asLong()).isEqualTo(200);
            assertThat(row.get("open_clp").asLong()).isEqualTo(700);
            assertThat(row.get("is_deleted").asInt()).isEqualTo(1);
            assertThat(row.get("version").asLong()).isEqualTo(Long.MAX_VALUE / 2);
            assertThat(row.get("updated_at").asText()).isEqualTo("2024-03-31 23:59:58");
        }
    }

    @Test
    void writesALargeBatchInOneInsert(ClickHouseServer server) {
        int rows = 50_000;
        List<InvoiceSnapshot> batch = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            batch.add(invoice("ww-bulk", "F-" + i).folio(i).total(1_000 + i).build());
        }
        try (Warehouse warehouse = new Warehouse(server.writerSettings())) {
            long started = System.nanoTime();
            new WarehouseWriter(warehouse).writeInvoices(batch);
            long micros = (System.nanoTime() - started) / 1_000;
            LOG.info("Inserted {} invoice rows in {} ms ({} rows/s)", rows, micros / 1_000, rows * 1_000_000L / Math.max(1, micros));

            JsonNode totals = warehouse.query("SELECT count() AS n, sum(total_clp) AS s FROM invoice_state WHERE client_id = 'ww-bulk'").get(0);
            assertThat(totals.get("n").asLong()).isEqualTo(rows);
            // Σ (1000 + i) for i < 50.000 = 50.000 × 1000 + 49.999 × 50.000 / 2
            assertThat(totals.get("s").asLong()).isEqualTo(50_000L * 1_000 + 49_999L * 50_000 / 2);
        }
    }
}
