package cl.cobranza.warehouse;

import cl.cobranza.core.events.DebtorChanged;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.LocalDate;
import java.util.List;

import static cl.cobranza.warehouse.InvoiceBuilder.invoice;
import static org.assertj.core.api.Assertions.assertThat;

/** Debtor summaries from the invoice table: most overdue first, weighted days past due, names by newest version. */
@ExtendWith(ClickHouseExtension.class)
class DebtorQueriesTest {
    private static final String CLIENT = "dq-alfa";
    private static final LocalDate MAR_31 = LocalDate.of(2025, 3, 31);

    @Test
    void debtorsMostOverdueFirstWithWeightedDaysPastDue(ClickHouseServer server) {
        try (Warehouse w = new Warehouse(server.writerSettings())) {
            WarehouseWriter writer = new WarehouseWriter(w);
            writer.writeDebtors(List.of(new DebtorChanged(CLIENT, "1", "76086428-5", "Nombre viejo", false, 10),
                    new DebtorChanged(CLIENT, "1", "76086428-5", "Comercial Andes SpA", false, 20),
                    new DebtorChanged(CLIENT, "2", "12345678-5", "Juan Pérez", false, 11)));
            writer.writeInvoices(List.of(
                    invoice(CLIENT, "a").debtor("1").due(LocalDate.of(2025, 3, 1)).total(100_000).build(),  // 30 DPD
                    invoice(CLIENT, "b").debtor("1").due(LocalDate.of(2025, 3, 21)).total(300_000).build(), // 10 DPD
                    invoice(CLIENT, "c").debtor("1").due(LocalDate.of(2025, 4, 30)).total(50_000).build(),  // not due
                    invoice(CLIENT, "d").debtor("2").due(LocalDate.of(2025, 4, 30)).total(900_000).build(),
                    invoice(CLIENT, "e").debtor("2").due(LocalDate.of(2025, 1, 1)).total(70_000).paid(70_000).build(),
                    invoice(CLIENT, "f").debtor("3").due(LocalDate.of(2025, 1, 1)).total(10_000).voided().build()));

            ReceivablesQueries queries = new ReceivablesQueries(w);
            assertThat(queries.debtors(TenantScope.of(List.of("dq-someone-else")), CLIENT, MAR_31, 10))
                    .as("a scope without the client reads nothing").isEmpty();
            List<DebtorSummary> debtors = queries.debtors(TenantScope.of(List.of(CLIENT)), CLIENT, MAR_31, 10);
            // debtor 1: overdue 400,000; Σ open × DPD = 100,000 × 30 + 300,000 × 10 = 6,000,000 → 15 days
            assertThat(debtors).containsExactly(
                    new DebtorSummary(CLIENT, "1", "76086428-5", "Comercial Andes SpA", 450_000, 400_000, 3, 2, 15.0, 30),
                    new DebtorSummary(CLIENT, "2", "12345678-5", "Juan Pérez", 900_000, 0, 1, 0, null, 0));
        }
    }
}
