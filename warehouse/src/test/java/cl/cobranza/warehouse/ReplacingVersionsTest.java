package cl.cobranza.warehouse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.LocalDate;
import java.util.List;

import static cl.cobranza.warehouse.InvoiceBuilder.invoice;
import static org.assertj.core.api.Assertions.assertThat;

/** Replays and out-of-order writes converge: the newest version wins whatever the arrival order. */
@ExtendWith(ClickHouseExtension.class)
class ReplacingVersionsTest {
    private static final LocalDate MAR_10 = LocalDate.of(2024, 3, 10);
    private static final LocalDate MAR_31 = LocalDate.of(2024, 3, 31);

    private static Warehouse warehouse;
    private static WarehouseWriter writer;
    private static ReceivablesQueries queries;

    @BeforeAll
    static void connect(ClickHouseServer server) {
        warehouse = new Warehouse(server.writerSettings());
        writer = new WarehouseWriter(warehouse);
        queries = new ReceivablesQueries(warehouse);
    }

    @AfterAll
    static void close() {
        warehouse.close();
    }

    @Test
    void newestInvoiceVersionWinsOverAStaleReplay() {
        String client = "rv-invoice";
        writer.writeInvoices(List.of(invoice(client, "F-1").due(MAR_10).total(100_000).version(1).build()));
        writer.writeInvoices(List.of(invoice(client, "F-1").due(MAR_10).total(100_000).paid(40_000).version(2).build()));
        writer.writeInvoices(List.of(invoice(client, "F-1").due(MAR_10).total(100_000).version(1).build())); // stale replay

        assertThat(queries.invoice(TenantScope.everyClient(), client, "F-1")).hasValueSatisfying(i -> {
            assertThat(i.version()).isEqualTo(2);
            assertThat(i.paidClp()).isEqualTo(40_000);
            assertThat(i.openClp()).isEqualTo(60_000);
        });
        assertThat(queries.openTotalsFromInvoices(TenantScope.everyClient(), client, MAR_31)).isEqualTo(new OpenTotals(60_000, 60_000, 1, 1));

        // after a merge the same answer, now from one physical row
        warehouse.execute("OPTIMIZE TABLE invoice_state FINAL");
        assertThat(queries.invoice(TenantScope.everyClient(), client, "F-1").orElseThrow().openClp()).isEqualTo(60_000);
    }

    @Test
    void voidingAfterALiveVersionRemovesTheInvoiceFromTotals() {
        String client = "rv-void";
        writer.writeInvoices(List.of(invoice(client, "F-9").due(MAR_10).total(75_000).version(1).build()));
        writer.writeInvoices(List.of(invoice(client, "F-9").due(MAR_10).total(75_000).voided().version(2).build()));
        writer.writeInvoices(List.of(invoice(client, "F-9").due(MAR_10).total(75_000).version(1).build()));

        assertThat(queries.invoice(TenantScope.everyClient(), client, "F-9").orElseThrow().deleted()).isTrue();
        assertThat(queries.openTotalsFromInvoices(TenantScope.everyClient(), client, MAR_31)).isEqualTo(new OpenTotals(0, 0, 0, 0));
    }

    @Test
    void newestDailyKpiVersionWins() {
        String client = "rv-kpi";
        writer.writeDaily(List.of(KpiRows.daily(client, MAR_31, 1_000, 100, 2, 1, 1)));
        writer.writeDaily(List.of(KpiRows.daily(client, MAR_31, 2_000, 200, 3, 2, 2)));
        writer.writeDaily(List.of(KpiRows.daily(client, MAR_31, 1_000, 100, 2, 1, 1)));

        assertThat(new KpiQueries(warehouse).daily(TenantScope.everyClient(), List.of(client), MAR_31, MAR_31)).singleElement()
                .usingRecursiveComparison().isEqualTo(KpiRows.daily(client, MAR_31, 2_000, 200, 3, 2, 2));
    }

    @Test
    void laterClientUpsertRenames() {
        writer.upsertClients(List.of(new ClientInfo("rv-client", "Nombre viejo", "76.000.000-0")));
        writer.upsertClients(List.of(new ClientInfo("rv-client", "Nombre nuevo", "76.000.000-0")));

        assertThat(queries.current(TenantScope.everyClient(), MAR_31)).filteredOn(v -> v.clientId().equals("rv-client"))
                .extracting(ClientReceivablesView::name).containsExactly("Nombre nuevo");
    }
}
