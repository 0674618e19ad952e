package cl.cobranza.warehouse;

import cl.cobranza.core.state.Activity;
import cl.cobranza.core.state.InvoiceSnapshot;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Invoices written as TabSeparated come back exactly, whatever characters their ids hold. */
@ExtendWith(ClickHouseExtension.class)
class TabSeparatedInvoicesTest {
    @Test
    void awkwardIdsRoundTrip(ClickHouseServer server) {
        List<String> ids = List.of("tab\there", "line 1\nline 2\r\n", "back\\slash\\", "\\n is not a newline", "nul\u0000byte",
                "ñandú, camión, €, 日本, \uD83D\uDE00", "'quoted' \"double\"", "bs\bff\f", "");
        List<InvoiceSnapshot> rows = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            rows.add(new InvoiceSnapshot("tsv-client", "inv-" + i + ids.get(i), ids.get(i), 33, i, LocalDate.of(2026, 1, 2),
                    LocalDate.of(2026, 2, 1), 1000 + i, 0, i, 1000, false, 7 + i, Activity.NONE));
        }
        try (Warehouse w = new Warehouse(server.writerSettings())) {
            new WarehouseWriter(w).writeInvoices(rows);
            List<JsonNode> back = w.query("SELECT invoice_id, debtor_id, total_clp, paid_clp, version, movements, contacts "
                    + "FROM invoice_state FINAL WHERE client_id = 'tsv-client' ORDER BY version");
            assertThat(back).hasSize(ids.size());
            for (int i = 0; i < ids.size(); i++) {
                JsonNode r = back.get(i);
                assertThat(r.get("invoice_id").asText()).isEqualTo("inv-" + i + ids.get(i));
                assertThat(r.get("debtor_id").asText()).isEqualTo(ids.get(i));
                assertThat(r.get("total_clp").asLong()).isEqualTo(1000 + i);
                assertThat(r.get("paid_clp").asLong()).isEqualTo(i);
                assertThat(r.get("movements").asText()).isEqualTo("[]");
                assertThat(r.get("contacts").asText()).isEqualTo("[]");
            }
        }
    }
}
