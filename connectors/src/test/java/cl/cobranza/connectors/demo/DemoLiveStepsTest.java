package cl.cobranza.connectors.demo;

import cl.cobranza.connectors.demo.DemoDatabases.Action;
import cl.cobranza.connectors.demo.DemoDatabases.Invoice;
import cl.cobranza.connectors.demo.DemoDatabases.Payment;
import cl.cobranza.connectors.demo.DemoDatabases.Rows;
import cl.cobranza.connectors.postgres.PostgresServer;
import cl.cobranza.core.normalize.PlatformNormalizer;
import cl.cobranza.core.normalize.RawChange;
import cl.cobranza.core.normalize.profile.ProfileNormalizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cl.cobranza.connectors.demo.DemoDatabases.CLOCK;
import static cl.cobranza.connectors.demo.DemoDatabases.TODAY;
import static cl.cobranza.connectors.demo.DemoDatabases.count;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live steps after a seeded history: a generator started ten days after the seed (as when a demo stack is started
 * again), running 800 steps on its today. Its changes must continue each debtor's behaviour with honest dates.
 */
class DemoLiveStepsTest {
    static final LocalDate LATER = TODAY.plusDays(10);
    static final int STEPS = 800;
    @TempDir
    static Path dir;
    static PostgresServer pg;
    static DemoClient client;
    static Rows before;
    static Rows after;

    @BeforeAll
    static void seedThenStepTenDaysLater() throws Exception {
        pg = DemoDatabases.start(dir);
        client = DemoDatabases.client(pg, "vivo");
        try (DemoDataGenerator g = new DemoDataGenerator(pg, List.of(client), 0, 5, CLOCK, true)) {
            g.seedIfEmpty(60, 2000);
        }
        before = DemoDatabases.read(pg, client);
        long t0 = System.nanoTime();
        try (DemoDataGenerator g = new DemoDataGenerator(pg, List.of(client), 0, 77,
                Clock.offset(CLOCK, Duration.ofDays(10)), true)) {
            for (int i = 0; i < STEPS; i++) {
                g.step();
            }
            assertThat(g.changes()).isEqualTo(STEPS);
        }
        System.out.printf("%d live steps on 60 debtors × 2000 invoices in %d ms%n", STEPS, (System.nanoTime() - t0) / 1_000_000);
        after = DemoDatabases.read(pg, client);
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    private static List<Payment> newPayments() {
        long last = before.payments().stream().mapToLong(Payment::id).max().orElse(0);
        return after.payments().stream().filter(p -> p.id() > last).toList();
    }

    @Test
    void everyKindOfChangeHappensAndNothingIsDatedAfterToday() {
        long lastInvoice = before.invoices().keySet().stream().mapToLong(Long::longValue).max().orElse(0);
        List<Invoice> issued = after.invoices().values().stream().filter(i -> i.id() > lastInvoice).toList();
        List<Action> actions = after.actions().subList(before.actions().size(), after.actions().size());
        System.out.printf("live: %d invoices, %d payments, %d credit notes, %d actions, %d promises, %d reversed, %d deleted%n",
                issued.size(), newPayments().size(), after.creditNotes().size() - before.creditNotes().size(),
                actions.size(), after.promises().size() - before.promises().size(),
                after.payments().stream().filter(Payment::reversed).count() - before.payments().stream().filter(Payment::reversed).count(),
                before.invoices().size() + issued.size() - after.invoices().size());
        assertThat(issued).isNotEmpty().allSatisfy(i -> assertThat(i.issued()).isBetween(LATER.minusDays(3), LATER));
        assertThat(newPayments()).hasSizeGreaterThan(50);
        assertThat(actions).isNotEmpty().allSatisfy(a -> assertThat(a.on()).isEqualTo(LATER));
        after.payments().forEach(p -> assertThat(p.paidOn()).isBeforeOrEqualTo(LATER));
        after.creditNotes().forEach(n -> assertThat(n.issued()).isBeforeOrEqualTo(LATER));
        after.promises().forEach(q -> assertThat(q.madeOn()).isBeforeOrEqualTo(LATER));
    }

    @Test
    void paymentsAreDatedWhenTheBehaviourPaysAndBacklogIsRegisteredWithItsOwnDate() {
        List<Payment> paid = newPayments();
        long today = paid.stream().filter(p -> p.paidOn().equals(LATER)).count();
        long late = paid.stream().filter(p -> p.paidOn().isBefore(LATER)).count();
        assertThat(today).as("due today, paid today").isPositive();
        assertThat(late).as("missed while the generator was off: registered late with their dates").isPositive();
        for (Payment p : paid) {
            Invoice inv = after.invoices().get(p.invoice());
            assertThat(p.paidOn()).isAfterOrEqualTo(inv.issued()).isAfterOrEqualTo(LATER.minusDays(LiveClient.MAX_BACKDATE_DAYS));
            DebtorProfile profile = after.profiles().get(inv.customer());
            InvoiceFate fate = InvoiceFate.of(profile, inv.dte(), inv.folio(), inv.issued(),
                    inv.dueGiven() ? inv.due() : null, inv.total());
            boolean promised = after.promises().stream().anyMatch(q -> q.invoice() == inv.id());
            assertThat(fate.dueInstalment(LATER) != null || promised)
                    .as("payment %s: its debtor's behaviour makes nothing due", p).isTrue();
        }
        Map<DebtorBehaviour, List<Long>> delays = new EnumMap<>(DebtorBehaviour.class);
        for (Payment p : paid) {
            Invoice inv = after.invoices().get(p.invoice());
            delays.computeIfAbsent(after.behaviourOfInvoice(p.invoice()), b -> new ArrayList<>())
                    .add(p.paidOn().toEpochDay() - inv.due().toEpochDay());
        }
        System.out.println("live payment delays: " + delays);
        assertThat(median(delays.get(DebtorBehaviour.PUNTUAL))).isLessThanOrEqualTo(0);
        assertThat(median(delays.get(DebtorBehaviour.HABITUALMENTE_ATRASADO))).isBetween(5L, 40L);
    }

    @Test
    void facturasStayIvaConsistentThroughCorrections() {
        for (Invoice inv : after.invoices().values()) {
            if (inv.dte() == 33 || inv.dte() == 56) {
                long guess = BigDecimal.valueOf(inv.total()).divide(new BigDecimal("1.19"), 0, RoundingMode.DOWN).longValue();
                boolean found = false;
                for (long net = guess - 2; net <= guess + 2 && !found; net++) {
                    found = net + new BigDecimal(net).multiply(new BigDecimal("0.19"))
                            .setScale(0, RoundingMode.HALF_UP).longValue() == inv.total();
                }
                assertThat(found).as("DTE %d folio %d total %d", inv.dte(), inv.folio(), inv.total()).isTrue();
            }
        }
    }

    @Test
    void noCreditForDefaultersAndEveryCustomerKeepsItsBehaviour() {
        assertThat(after.profiles()).isEqualTo(before.profiles());
        long lastInvoice = before.invoices().keySet().stream().mapToLong(Long::longValue).max().orElse(0);
        for (Invoice inv : after.invoices().values()) {
            DebtorProfile p = after.profiles().get(inv.customer());
            if (inv.id() > lastInvoice && p.defaultsOn() != null) {
                assertThat(inv.issued()).isBeforeOrEqualTo(p.defaultsOn().plusDays(30));
            }
        }
    }

    @Test
    void liveCollectionKeepsTheContactLimitsAndPromisesTheirFate() {
        DemoInvariants.assertLegalContacts(after);
        assertThat(DemoInvariants.assertPromisesKeptAsDrawn(after, LATER)).isGreaterThan(100);
    }

    @Test
    void afterALongPauseTheClerksCatchUpBeforeAnythingElse() throws Exception {
        DemoClient paused = DemoDatabases.client(pg, "pausa");
        try (DemoDataGenerator g = new DemoDataGenerator(pg, List.of(paused), 0, 6, CLOCK, true)) {
            g.seedIfEmpty(30, 800);
        }
        Rows seeded = DemoDatabases.read(pg, paused);
        LocalDate later = TODAY.plusDays(40);
        try (DemoDataGenerator g = new DemoDataGenerator(pg, List.of(paused), 0, 60,
                Clock.offset(CLOCK, Duration.ofDays(40)), true)) {
            for (int i = 0; i < 300; i++) {
                g.step();
            }
        }
        Rows rows = DemoDatabases.read(pg, paused);
        long lastPayment = seeded.payments().stream().mapToLong(Payment::id).max().orElse(0);
        List<Payment> live = rows.payments().stream().filter(p -> p.id() > lastPayment).toList();
        // the backlog of forty days: within the last fifteen with its own dates (promises: always), older ones today
        assertThat(live).anyMatch(p -> p.paidOn().isBefore(later) && p.paidOn().isAfter(later.minusDays(16)));
        assertThat(live).anyMatch(p -> p.paidOn().equals(later));
        assertThat(live).allSatisfy(p -> assertThat(p.paidOn()).isAfter(TODAY).isBeforeOrEqualTo(later));
        DemoInvariants.assertLegalContacts(rows);
        assertThat(DemoInvariants.assertPromisesKeptAsDrawn(rows, later)).isGreaterThan(50);
    }

    @Test
    void customersWithoutABehaviourGetOneOnTheFirstStep() throws Exception {
        DemoClient old = DemoDatabases.client(pg, "sin-perfiles");
        try (Connection c = pg.connect(old.database()); Statement s = c.createStatement()) {
            // as the previous generator left an ERP: customers and invoices, no demo_behaviours
            s.execute("INSERT INTO customers (rut, name, email) VALUES ('76.543.210-3', 'Comercial Uno SpA', NULL),"
                    + " ('12.345.678-5', 'Juan Pérez Soto', 'jperez@gmail.com')");
            s.execute("INSERT INTO invoices (dte_type, folio, customer_id, issue_date, due_date, total_clp)"
                    + " SELECT 33, 1000 + id, id, DATE '2025-05-01', DATE '2025-05-31', 119000 FROM customers");
        }
        try (DemoDataGenerator g = new DemoDataGenerator(pg, List.of(old), 0, 3, CLOCK, true)) {
            g.seedIfEmpty(10, 10); // has customers: left alone
            for (int i = 0; i < 20; i++) {
                g.step();
            }
        }
        try (Connection c = pg.connect(old.database())) {
            assertThat(count(c, "SELECT count(*) FROM customers")).isEqualTo(2);
            assertThat(count(c, "SELECT count(*) FROM demo_behaviours")).isEqualTo(2);
            assertThat(count(c, "SELECT count(*) FROM demo_behaviours b JOIN customers c ON c.id = b.customer_id"
                    + " WHERE c.rut = '12.345.678-5' AND b.size = 'PERSONA'")).isEqualTo(1);
        }
    }

    @Test
    void everySeededAndLiveRowPassesTheNormalisers() throws Exception {
        int checked = 0;
        ProfileNormalizer erp = ProfileNormalizer.load("demo-erp");
        try (Connection c = pg.connect(client.database())) {
            for (String table : List.of("customers", "invoices", "credit_notes", "payments")) {
                for (Map<String, Object> row : asCaptured(c, "SELECT * FROM " + table)) {
                    assertThat(erp.normalize(new RawChange(client.clientId(), "public", table, 'r', null, row, ++checked)))
                            .as("%s row %s", table, row).isNotEmpty();
                }
            }
        }
        PlatformNormalizer platform = new PlatformNormalizer();
        try (Connection c = pg.connect(PlatformDb.DATABASE)) {
            for (String table : List.of("collection_actions", "promises")) {
                for (Map<String, Object> row : asCaptured(c, "SELECT * FROM collections." + table)) {
                    assertThat(platform.normalize(new RawChange(PlatformDb.SOURCE, "collections", table, 'r', null, row,
                            ++checked))).as("%s row %s", table, row).isNotEmpty();
                }
            }
        }
        assertThat(checked).isGreaterThan(5000);
    }

    /** Rows as Debezium hands them over: DATE as epoch days, NUMERIC as text, timestamps as ISO text. */
    private static List<Map<String, Object>> asCaptured(Connection c, String sql) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    if (v instanceof java.sql.Date) {
                        v = (int) ((java.sql.Date) v).toLocalDate().toEpochDay();
                    } else if (v instanceof BigDecimal) {
                        v = ((BigDecimal) v).toPlainString();
                    } else if (v instanceof java.sql.Timestamp) {
                        v = ((java.sql.Timestamp) v).toInstant().toString();
                    }
                    row.put(md.getColumnName(i), v);
                }
                out.add(row);
            }
        }
        return out;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
