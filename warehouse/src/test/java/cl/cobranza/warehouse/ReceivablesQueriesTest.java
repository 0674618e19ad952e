package cl.cobranza.warehouse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.LocalDate;
import java.util.List;

import static cl.cobranza.warehouse.InvoiceBuilder.invoice;
import static org.assertj.core.api.Assertions.assertThat;

/** The read side against hand-computed numbers. */
@ExtendWith(ClickHouseExtension.class)
class ReceivablesQueriesTest {
    private static final LocalDate FEB_01 = LocalDate.of(2024, 2, 1);
    private static final LocalDate MAR_01 = LocalDate.of(2024, 3, 1);
    private static final LocalDate MAR_10 = LocalDate.of(2024, 3, 10);
    private static final LocalDate MAR_29 = LocalDate.of(2024, 3, 29);
    private static final LocalDate MAR_30 = LocalDate.of(2024, 3, 30);
    private static final LocalDate MAR_31 = LocalDate.of(2024, 3, 31);
    private static final LocalDate APR_02 = LocalDate.of(2024, 4, 2);
    private static final LocalDate APR_15 = LocalDate.of(2024, 4, 15);

    private static final String ACME = "rq-acme";
    private static final String BETA = "rq-beta";   // listed, no KPI rows
    private static final String QUOTE = "rq-o'hara\\"; // ids with quote and backslash

    private static Warehouse warehouse;
    private static ReceivablesQueries queries;

    @BeforeAll
    static void seed(ClickHouseServer server) {
        warehouse = new Warehouse(server.writerSettings());
        queries = new ReceivablesQueries(warehouse);
        WarehouseWriter writer = new WarehouseWriter(warehouse);
        writer.upsertClients(List.of(new ClientInfo(ACME, "Acme Ltda.", "76.111.111-1"),
                new ClientInfo(BETA, "Beta SpA", "76.222.222-2"),
                new ClientInfo(QUOTE, "O'Hara y Cía.", "76.333.333-3")));
        writer.writeDaily(List.of(
                KpiRows.daily(ACME, MAR_29, 1_000_000, 200_000, 3, 1, 1),
                KpiRows.daily(ACME, MAR_31, 5_000_000, 900_000, 9, 4, 1),
                KpiRows.daily(ACME, APR_02, 7_000_000, 1_000_000, 11, 5, 1)));
        writer.writeDaily(List.of(KpiRows.daily(ACME, MAR_31, 4_500_000, 800_000, 8, 3, 2)));
        writer.writeDaily(List.of(KpiRows.daily(QUOTE, MAR_10, 123, 0, 1, 0, 1)));

        writer.writeInvoices(List.of(
                invoice(ACME, "F-33-1").due(MAR_10).total(100_000).build(),                     // overdue on Mar 31
                invoice(ACME, "F-33-2").due(APR_15).total(300_000).paid(50_000).build(),        // open 250.000, not due
                invoice(ACME, "F-33-3").due(MAR_01).total(80_000).paid(80_000).build(),         // paid: no open balance
                invoice(ACME, "F-33-4").due(FEB_01).total(75_000).build(),                      // voided below
                invoice(ACME, "F-33-5").due(MAR_31).total(40_000).credited(10_000).build(),     // due today: not overdue
                invoice(QUOTE, "F-33-1' OR '1'='1").due(MAR_10).total(999).build()));
        writer.writeInvoices(List.of(invoice(ACME, "F-33-4").due(FEB_01).total(75_000).voided().version(2).build()));
    }

    @AfterAll
    static void close() {
        warehouse.close();
    }

    @Test
    void currentTakesNewestVersionOfTheLatestDayOnOrBeforeAsOf() {
        assertThat(mine(queries.current(TenantScope.everyClient(), MAR_31))).containsExactly(
                new ClientReceivablesView(ACME, "Acme Ltda.", MAR_31, 4_500_000, 800_000, 8, 3),
                new ClientReceivablesView(BETA, "Beta SpA", null, 0, 0, 0, 0),
                new ClientReceivablesView(QUOTE, "O'Hara y Cía.", MAR_10, 123, 0, 1, 0));
        assertThat(mine(queries.current(TenantScope.everyClient(), MAR_30)).get(0))
                .isEqualTo(new ClientReceivablesView(ACME, "Acme Ltda.", MAR_29, 1_000_000, 200_000, 3, 1));
        assertThat(mine(queries.current(TenantScope.everyClient(), MAR_01))).containsExactly(
                new ClientReceivablesView(ACME, "Acme Ltda.", null, 0, 0, 0, 0),
                new ClientReceivablesView(BETA, "Beta SpA", null, 0, 0, 0, 0),
                new ClientReceivablesView(QUOTE, "O'Hara y Cía.", null, 0, 0, 0, 0));
    }

    @Test
    void dailyListsEachDayOnceInOrder() {
        KpiQueries kpis = new KpiQueries(warehouse);
        assertThat(kpis.daily(TenantScope.everyClient(), List.of(ACME), MAR_29, MAR_31)).usingRecursiveFieldByFieldElementComparator().containsExactly(
                KpiRows.daily(ACME, MAR_29, 1_000_000, 200_000, 3, 1, 1),
                KpiRows.daily(ACME, MAR_31, 4_500_000, 800_000, 8, 3, 2));
        assertThat(kpis.daily(TenantScope.everyClient(), List.of(BETA), MAR_01, APR_15)).isEmpty();
    }

    @Test
    void invoiceByIdIncludingVoidedAndQuotedIds() {
        assertThat(queries.invoice(TenantScope.everyClient(), ACME, "F-33-2")).contains(invoice(ACME, "F-33-2").due(APR_15).total(300_000).paid(50_000).build());
        assertThat(queries.invoice(TenantScope.everyClient(), ACME, "F-33-4")).hasValueSatisfying(i -> assertThat(i.deleted()).isTrue());
        assertThat(queries.invoice(TenantScope.everyClient(), ACME, "F-404")).isEmpty();
        assertThat(queries.invoice(TenantScope.everyClient(), QUOTE, "F-33-1' OR '1'='1")).hasValueSatisfying(i -> assertThat(i.totalClp()).isEqualTo(999));
        assertThat(queries.invoice(TenantScope.everyClient(), ACME, "F-33-1' OR '1'='1")).isEmpty();
    }

    @Test
    void openTotalsFromInvoicesByHand() {
        // open: 100.000 (F-1) + 250.000 (F-2) + 30.000 (F-5) = 380.000 in 3 invoices;
        // overdue on Mar 31: only F-1 (due Mar 10); F-5 is due that day; F-4 is voided; F-3 is paid.
        assertThat(queries.openTotalsFromInvoices(TenantScope.everyClient(), ACME, MAR_31)).isEqualTo(new OpenTotals(380_000, 100_000, 3, 1));
        // on Apr 16 F-2 and F-5 are overdue too
        assertThat(queries.openTotalsFromInvoices(TenantScope.everyClient(), ACME, APR_15.plusDays(1))).isEqualTo(new OpenTotals(380_000, 380_000, 3, 3));
        assertThat(queries.openTotalsFromInvoices(TenantScope.everyClient(), BETA, MAR_31)).isEqualTo(new OpenTotals(0, 0, 0, 0));
    }

    private static List<ClientReceivablesView> mine(List<ClientReceivablesView> all) {
        return all.stream().filter(v -> v.clientId().startsWith("rq-")).toList();
    }
}
