package cl.cobranza.warehouse;

import cl.cobranza.core.collection.Channel;
import cl.cobranza.core.collection.Outcome;
import cl.cobranza.core.collection.PromiseToPay;
import cl.cobranza.core.collection.Stage;
import cl.cobranza.core.events.DebtorChanged;
import cl.cobranza.core.state.Activity;
import cl.cobranza.core.state.Activity.LastAction;
import cl.cobranza.core.state.Activity.Movement;
import cl.cobranza.core.state.InvoiceSnapshot;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.LocalDate;
import java.util.List;

import static cl.cobranza.warehouse.InvoiceBuilder.invoice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The worklist and the debtor's invoices on a real ClickHouse, in a database of their own (so that "every
 * client" sees only these rows): scope isolation, filters, order, stage and bucket, "none" read back as null.
 * As of Mar 31, 2025, with the default edges (30/60/90/120) and 5 preventive days:
 * <pre>
 * item  client debtor due         DPD  open       stage          bucket  priority = open × DPD
 * B1    beta   D1     2025-03-01   30  3.000.000  EARLY_OVERDUE  1-30    90.000.000
 * A1    alfa   D1     2025-02-14   45  1.234.567  EXTRAJUDICIAL  31-60   55.555.515
 * A2    alfa   D2     2025-01-30   60    400.000  EARLY_OVERDUE  31-60   24.000.000  (promise for Apr 5: firm)
 * A3    alfa   D1     2025-03-21   10  2.000.000  EARLY_OVERDUE  1-30    20.000.000  (promise for Mar 10: past)
 * A8    alfa   D2     2024-10-01  181     10.000  EXTRAJUDICIAL  121+     1.810.000
 * A4    alfa   D2     2025-04-03   0*     80.000  PREVENTIVE     current          0  (*due in 3 days)
 * not listed: A5 due in 10 days, A6 paid, A7 voided, A9 issued after Mar 31 (due in 45 days)
 * </pre>
 */
@ExtendWith(ClickHouseExtension.class)
class WorklistQueriesTest {
    private static final String ALFA = "wl-alfa";
    private static final String BETA = "wl-beta";
    private static final String INJECTION = "wl-alfa' OR 1=1 --";
    private static final LocalDate MAR_31 = LocalDate.of(2025, 3, 31);
    private static final TenantScope BOTH = TenantScope.of(List.of(ALFA, BETA));
    private static final String GAMMA = "wl-gamma";
    private static final LocalDate JUNE = LocalDate.of(2025, 6, 30);
    private static final InvoiceSnapshot G1 = invoice(GAMMA, "G1").debtor("D2").due(JUNE).version(2).build();

    private static final LastAction A1_CALL = new LastAction(LocalDate.of(2025, 3, 20), Channel.CALL, Outcome.CONTACTED);
    private static final PromiseToPay A2_PROMISE = new PromiseToPay(LocalDate.of(2025, 3, 25), LocalDate.of(2025, 4, 5), 300_000);
    private static final InvoiceSnapshot A1 = invoice(ALFA, "A1").debtor("D1").folio(101).due(LocalDate.of(2025, 2, 14))
            .total(1_234_567).activity(new Activity(A1_CALL, 2, null, 0, List.of())).build();
    private static final InvoiceSnapshot A2 = invoice(ALFA, "A2").debtor("D2").folio(102).due(LocalDate.of(2025, 1, 30))
            .total(500_000).paid(100_000).activity(new Activity(
                    new LastAction(LocalDate.of(2025, 3, 25), Channel.WHATSAPP, Outcome.DELIVERED), 1, A2_PROMISE, 0,
                    List.of(new Movement(LocalDate.of(2025, 3, 1), Movement.Kind.PAYMENT, 100_000)))).build();
    private static final InvoiceSnapshot A3 = invoice(ALFA, "A3").debtor("D1").folio(103).due(LocalDate.of(2025, 3, 21))
            .total(2_000_000).activity(new Activity(null, 0,
                    new PromiseToPay(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 10), 50_000), 1, List.of())).build();
    private static final InvoiceSnapshot A4 = invoice(ALFA, "A4").debtor("D2").folio(104).due(LocalDate.of(2025, 4, 3))
            .total(80_000).build();
    private static final InvoiceSnapshot A5 = invoice(ALFA, "A5").debtor("D1").folio(105).due(LocalDate.of(2025, 4, 10))
            .total(70_000).build();
    private static final InvoiceSnapshot A6 = invoice(ALFA, "A6").debtor("D1").folio(106).due(LocalDate.of(2025, 1, 1))
            .total(60_000).paid(45_000).credited(15_000).activity(new Activity(null, 0, null, 0, List.of(
                    new Movement(LocalDate.of(2025, 1, 5), Movement.Kind.CREDIT_NOTE, 15_000),
                    new Movement(LocalDate.of(2025, 1, 20), Movement.Kind.PAYMENT, 45_000)))).build();
    private static final InvoiceSnapshot A7 = invoice(ALFA, "A7").debtor("D1").folio(107).due(LocalDate.of(2025, 1, 1))
            .total(999_999).voided().build();
    private static final InvoiceSnapshot A8 = invoice(ALFA, "A8").debtor("D2").folio(108).due(LocalDate.of(2024, 10, 1))
            .total(10_000).activity(new Activity(new LastAction(LocalDate.of(2025, 2, 3), Channel.LETTER,
                    Outcome.DELIVERED), 3, new PromiseToPay(LocalDate.of(2025, 1, 15), LocalDate.of(2025, 2, 1), 10_000),
                    1, List.of())).build();
    private static final InvoiceSnapshot A9 = invoice(ALFA, "A9").debtor("D1").folio(109).issued(LocalDate.of(2025, 4, 15))
            .due(LocalDate.of(2025, 5, 15)).total(40_000).build();
    private static final InvoiceSnapshot B1 = invoice(BETA, "B1").debtor("D1").folio(201).due(LocalDate.of(2025, 3, 1))
            .total(3_000_000).activity(new Activity(new LastAction(LocalDate.of(2025, 3, 28), Channel.CALL,
                    Outcome.NO_ANSWER), 4, null, 0, List.of())).build();

    private static String database;
    private static Warehouse warehouse;
    private static WorklistQueries queries;

    @BeforeAll
    static void load(ClickHouseServer server) {
        database = "worklist_test_" + System.nanoTime();
        WarehouseSettings settings = server.writerSettings().withDatabase(database);
        Migrations.migrate(settings);
        warehouse = new Warehouse(settings);
        WarehouseWriter writer = new WarehouseWriter(warehouse);
        writer.upsertClients(List.of(new ClientInfo(ALFA, "Alfa SpA", "76000000-0"),
                new ClientInfo(BETA, "Beta Ltda", "77000000-0")));
        writer.writeDebtors(List.of(new DebtorChanged(ALFA, "D1", "76086428-5", "Nombre viejo", false, 1),
                new DebtorChanged(ALFA, "D1", "76086428-5", "Comercial Andes SpA", false, 2),
                new DebtorChanged(ALFA, "D2", "12345678-5", "Juan Pérez", false, 1),
                new DebtorChanged(BETA, "D1", "11111111-1", "Ferretería Sur Ltda", false, 1)));
        // A3 is first written with a last action by CALL; its newer version has none (the action was deleted)
        writer.writeInvoices(List.of(invoice(ALFA, "A3").debtor("D1").folio(103).due(LocalDate.of(2025, 3, 21))
                .total(2_000_000).activity(new Activity(A1_CALL, 1, null, 0, List.of())).version(0).build()));
        writer.writeInvoices(List.of(A1, A2, A3, A4, A5, A6, A7, A8, A9, B1));
        // gamma (never on a worklist: due in June): G1 moved from debtor D1 to D2, G2 of D1 voided by its newer version
        writer.writeInvoices(List.of(invoice(GAMMA, "G1").debtor("D1").due(JUNE).version(1).build(),
                invoice(GAMMA, "G2").debtor("D1").due(JUNE).version(1).build()));
        writer.writeInvoices(List.of(G1, invoice(GAMMA, "G2").debtor("D1").due(JUNE).voided().version(2).build()));
        queries = new WorklistQueries(warehouse);
    }

    @AfterAll
    static void drop() {
        warehouse.execute("DROP DATABASE IF EXISTS " + database);
        warehouse.close();
    }

    private static List<String> ids(WorklistPage page) {
        return page.items().stream().map(WorklistItem::invoiceId).toList();
    }

    private static WorklistPage worklist(TenantScope scope, WorklistFilter filter) {
        return queries.worklist(scope, filter, MAR_31, 100);
    }

    @Test
    void everyItemInScopeHighestPriorityFirstWithItsStageBucketAndReason() {
        WorklistPage page = worklist(TenantScope.everyClient(), WorklistFilter.ANY);
        assertThat(ids(page)).containsExactly("B1", "A1", "A2", "A3", "A8", "A4");
        assertThat(page.total()).isEqualTo(6);
        assertThat(page.items()).containsExactly(
                new WorklistItem(BETA, "Beta Ltda", "B1", 201, "D1", "Ferretería Sur Ltda", "11111111-1",
                        LocalDate.of(2025, 3, 1), 30, 3_000_000, "1-30", Stage.EARLY_OVERDUE,
                        B1.activity().lastAction(), null, 90_000_000, "$3.000.000 vencidos hace 30 días"),
                new WorklistItem(ALFA, "Alfa SpA", "A1", 101, "D1", "Comercial Andes SpA", "76086428-5",
                        LocalDate.of(2025, 2, 14), 45, 1_234_567, "31-60", Stage.EXTRAJUDICIAL, A1_CALL, null,
                        55_555_515, "$1.234.567 vencidos hace 45 días"),
                new WorklistItem(ALFA, "Alfa SpA", "A2", 102, "D2", "Juan Pérez", "12345678-5",
                        LocalDate.of(2025, 1, 30), 60, 400_000, "31-60", Stage.EARLY_OVERDUE,
                        A2.activity().lastAction(), A2_PROMISE, 24_000_000,
                        "$400.000 vencidos hace 60 días, promesa de $300.000 para el 05-04-2025"),
                new WorklistItem(ALFA, "Alfa SpA", "A3", 103, "D1", "Comercial Andes SpA", "76086428-5",
                        LocalDate.of(2025, 3, 21), 10, 2_000_000, "1-30", Stage.EARLY_OVERDUE, null,
                        A3.activity().promise(), 20_000_000, "$2.000.000 vencidos hace 10 días"),
                new WorklistItem(ALFA, "Alfa SpA", "A8", 108, "D2", "Juan Pérez", "12345678-5",
                        LocalDate.of(2024, 10, 1), 181, 10_000, "121+", Stage.EXTRAJUDICIAL,
                        A8.activity().lastAction(), A8.activity().promise(), 1_810_000,
                        "$10.000 vencidos hace 181 días"),
                new WorklistItem(ALFA, "Alfa SpA", "A4", 104, "D2", "Juan Pérez", "12345678-5",
                        LocalDate.of(2025, 4, 3), 0, 80_000, "current", Stage.PREVENTIVE, null, null, 0,
                        "$80.000 vence en 3 días"));
    }

    @Test
    void aScopeSeesOnlyItsClientsAndAnEmptyScopeNothing() {
        assertThat(ids(worklist(BOTH, WorklistFilter.ANY))).containsExactly("B1", "A1", "A2", "A3", "A8", "A4");
        assertThat(ids(worklist(TenantScope.of(List.of(ALFA)), WorklistFilter.ANY)))
                .containsExactly("A1", "A2", "A3", "A8", "A4");
        WorklistPage beta = worklist(TenantScope.of(List.of(BETA, "wl-unknown")), WorklistFilter.ANY);
        assertThat(ids(beta)).containsExactly("B1");
        assertThat(beta.total()).isEqualTo(1);
        WorklistPage none = worklist(TenantScope.of(List.of()), WorklistFilter.ANY);
        assertThat(none.items()).isEmpty();
        assertThat(none.total()).isZero();
    }

    @Test
    void aClientFilterOutsideTheScopeGivesNothing() {
        WorklistFilter beta = new WorklistFilter(BETA, null, null, null);
        assertThat(ids(worklist(TenantScope.of(List.of(ALFA)), beta))).isEmpty();
        assertThat(ids(worklist(TenantScope.everyClient(), beta))).containsExactly("B1");
        assertThat(ids(worklist(BOTH, new WorklistFilter(ALFA, null, null, null))))
                .containsExactly("A1", "A2", "A3", "A8", "A4");
    }

    @Test
    void anInjectionStringAsClientIdIsJustAnUnknownClient() {
        assertThat(worklist(TenantScope.of(List.of(INJECTION)), WorklistFilter.ANY).total()).isZero();
        assertThat(worklist(TenantScope.everyClient(), new WorklistFilter(INJECTION, null, null, null)).total()).isZero();
        assertThat(worklist(BOTH, new WorklistFilter(INJECTION, null, null, null)).total()).isZero();
        assertThat(queries.debtorInvoices(TenantScope.of(List.of(INJECTION)), INJECTION, "D1", MAR_31)).isEmpty();
        assertThat(queries.debtorInvoices(TenantScope.everyClient(), INJECTION, "D1' OR 1=1 --", MAR_31)).isEmpty();
    }

    @Test
    void filtersByStageBucketAndLastChannel() {
        TenantScope all = TenantScope.everyClient();
        assertThat(ids(worklist(all, new WorklistFilter(null, Stage.EXTRAJUDICIAL, null, null)))).containsExactly("A1", "A8");
        assertThat(ids(worklist(all, new WorklistFilter(null, Stage.EARLY_OVERDUE, null, null))))
                .containsExactly("B1", "A2", "A3");
        assertThat(ids(worklist(all, new WorklistFilter(null, Stage.PREVENTIVE, null, null)))).containsExactly("A4");
        assertThat(ids(worklist(all, new WorklistFilter(null, null, "31-60", null)))).containsExactly("A1", "A2");
        assertThat(ids(worklist(all, new WorklistFilter(null, null, "1-30", null)))).containsExactly("B1", "A3");
        assertThat(ids(worklist(all, new WorklistFilter(null, null, "current", null)))).containsExactly("A4");
        assertThat(ids(worklist(all, new WorklistFilter(null, null, "121+", null)))).containsExactly("A8");
        assertThat(ids(worklist(all, new WorklistFilter(null, null, "61-90", null)))).isEmpty();
        assertThat(ids(worklist(all, new WorklistFilter(null, Stage.EXTRAJUDICIAL, "1-30", null)))).isEmpty();
        assertThat(ids(worklist(all, new WorklistFilter(null, Stage.EARLY_OVERDUE, "31-60", null)))).containsExactly("A2");
        // A3's older version had a CALL; its newest has no action, so only A1 and B1 were last worked by phone
        assertThat(ids(worklist(all, new WorklistFilter(null, null, null, Channel.CALL)))).containsExactly("B1", "A1");
        assertThat(ids(worklist(all, new WorklistFilter(ALFA, null, null, Channel.CALL)))).containsExactly("A1");
        assertThat(ids(worklist(all, new WorklistFilter(null, null, null, Channel.LETTER)))).containsExactly("A8");
        assertThatThrownBy(() -> worklist(all, new WorklistFilter(null, null, "31-45", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("31-45").hasMessageContaining("121+");
    }

    @Test
    void theLimitCutsThePageButNotTheTotal() {
        WorklistPage page = queries.worklist(TenantScope.everyClient(), WorklistFilter.ANY, MAR_31, 2);
        assertThat(ids(page)).containsExactly("B1", "A1");
        assertThat(page.total()).isEqualTo(6);
    }

    @Test
    void otherEdgesAndPreventiveWindowChangeBucketsAndWhatIsListed() {
        WorklistQueries custom = new WorklistQueries(warehouse, List.of(15, 45), 10);
        WorklistPage page = custom.worklist(TenantScope.of(List.of(ALFA)), WorklistFilter.ANY, MAR_31, 100);
        // A5 is due in 10 days: preventive now; after A4 (due sooner)
        assertThat(page.items()).extracting(WorklistItem::invoiceId, WorklistItem::bucket).containsExactly(
                tuple("A1", "16-45"), tuple("A2", "46+"),
                tuple("A3", "1-15"), tuple("A8", "46+"),
                tuple("A4", "current"), tuple("A5", "current"));
        assertThat(ids(custom.worklist(TenantScope.of(List.of(ALFA)), new WorklistFilter(null, null, "46+", null),
                MAR_31, 100))).containsExactly("A2", "A8");
    }

    @Test
    void aDebtorsLiveInvoicesWithActivityAndMovementsReadBackAsWritten() {
        List<InvoiceSnapshot> d1 = queries.debtorInvoices(BOTH, ALFA, "D1", MAR_31);
        // by due date; A7 is voided, A9 issued after Mar 31, B1 is another client's debtor D1
        assertThat(d1).containsExactly(A6, A1, A3, A5);
        assertThat(d1.get(3).activity()).as("no action, no promise, no movement").isEqualTo(Activity.NONE);
        assertThat(d1.get(3).activity().lastAction()).isNull();
        assertThat(d1.get(3).activity().promise()).isNull();
        assertThat(queries.debtorInvoices(BOTH, ALFA, "D1", LocalDate.of(2025, 4, 15))).containsExactly(A6, A1, A3, A5, A9);
        assertThat(queries.debtorInvoices(BOTH, BETA, "D1", MAR_31)).containsExactly(B1);
    }

    @Test
    void activityIsStoredAsTheMigrationDocumentsIt() {
        JsonNode a2 = warehouse.query("SELECT " + ActivityColumns.COLUMNS
                + " FROM invoice_state FINAL WHERE client_id = 'wl-alfa' AND invoice_id = 'A2'").get(0);
        assertThat(a2.get("last_action_date").asText()).isEqualTo("2025-03-25");
        assertThat(a2.get("last_channel").asText()).isEqualTo("WHATSAPP");
        assertThat(a2.get("last_outcome").asText()).isEqualTo("DELIVERED");
        assertThat(a2.get("actions").asInt()).isEqualTo(1);
        assertThat(a2.get("promise_made_on").asText()).isEqualTo("2025-03-25");
        assertThat(a2.get("promise_date").asText()).isEqualTo("2025-04-05");
        assertThat(a2.get("promise_clp").asLong()).isEqualTo(300_000);
        assertThat(a2.get("broken_promises").asInt()).isZero();
        assertThat(a2.get("movements").asText()).isEqualTo("[{\"date\":\"2025-03-01\",\"kind\":\"PAYMENT\",\"amountClp\":100000}]");

        JsonNode a4 = warehouse.query("SELECT " + ActivityColumns.COLUMNS
                + " FROM invoice_state FINAL WHERE client_id = 'wl-alfa' AND invoice_id = 'A4'").get(0);
        assertThat(a4.get("last_action_date").asText()).isIn("0000-00-00", "1970-01-01"); // 18.16, current servers
        assertThat(a4.get("promise_date").asText()).isEqualTo(a4.get("last_action_date").asText());
        assertThat(a4.get("last_channel").asText()).isEmpty();
        assertThat(a4.get("movements").asText()).isEqualTo("[]");
    }

    @Test
    void aDebtorsInvoicesAreThoseItsNewestVersionsName() {
        TenantScope gamma = TenantScope.of(List.of(GAMMA));
        assertThat(queries.debtorInvoices(gamma, GAMMA, "D1", MAR_31)).as("G1 moved to D2, G2 voided").isEmpty();
        assertThat(queries.debtorInvoices(gamma, GAMMA, "D2", MAR_31)).containsExactly(G1);
        assertThat(queries.invoiceIdsByDebtor(gamma, List.of(WorklistStops.key(GAMMA, "D1"), WorklistStops.key(GAMMA, "D2"))))
                .containsExactly(java.util.Map.entry(WorklistStops.key(GAMMA, "D2"), List.of("G1")));
        assertThat(queries.invoiceIdsByDebtor(BOTH, List.of(WorklistStops.key(GAMMA, "D2")))).as("out of scope").isEmpty();
        // alfa's D2 and beta's D1 only, not alfa's D1 (nor beta's D2) whose client and debtor ids were also asked
        java.util.Map<String, List<String>> crossed = queries.invoiceIdsByDebtor(BOTH,
                List.of(WorklistStops.key(ALFA, "D2"), WorklistStops.key(BETA, "D1")));
        assertThat(crossed).containsOnlyKeys(WorklistStops.key(ALFA, "D2"), WorklistStops.key(BETA, "D1"));
        assertThat(crossed.get(WorklistStops.key(ALFA, "D2"))).containsExactlyInAnyOrder("A2", "A4", "A8");
        assertThat(crossed.get(WorklistStops.key(BETA, "D1"))).containsExactly("B1");
    }

    @Test
    void anItemWhoseDebtorAndClientAreInNoTableHasEmptyNames() {
        String delta = "wl-delta"; // no clients row, and its debtor D9 no debtors row
        WarehouseWriter writer = new WarehouseWriter(warehouse);
        // issued after Mar 31, so the other tests' lists as of Mar 31 do not see it
        writer.writeInvoices(List.of(invoice(delta, "X1").debtor("D9").folio(901).issued(LocalDate.of(2025, 4, 15))
                .due(LocalDate.of(2025, 5, 15)).total(50_000).build()));
        WorklistPage page = queries.worklist(TenantScope.of(List.of(delta)), WorklistFilter.ANY, JUNE, 100);
        assertThat(page.items()).extracting(WorklistItem::invoiceId, WorklistItem::clientName, WorklistItem::debtorName,
                WorklistItem::debtorRut, WorklistItem::openClp).containsExactly(tuple("X1", "", "", "", 50_000L));
    }

    @Test
    void aDebtorOfAClientOutsideTheScopeHasNoInvoices() {
        assertThat(queries.debtorInvoices(TenantScope.of(List.of(BETA)), ALFA, "D1", MAR_31)).isEmpty();
        assertThat(queries.debtorInvoices(TenantScope.of(List.of()), ALFA, "D1", MAR_31)).isEmpty();
        assertThat(queries.debtorInvoices(TenantScope.everyClient(), ALFA, "D1", MAR_31)).hasSize(4);
    }
}
