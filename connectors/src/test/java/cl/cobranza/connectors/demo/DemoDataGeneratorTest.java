package cl.cobranza.connectors.demo;

import cl.cobranza.connectors.demo.DemoDatabases.Action;
import cl.cobranza.connectors.demo.DemoDatabases.CreditNote;
import cl.cobranza.connectors.demo.DemoDatabases.Invoice;
import cl.cobranza.connectors.demo.DemoDatabases.Payment;
import cl.cobranza.connectors.demo.DemoDatabases.Promise;
import cl.cobranza.connectors.demo.DemoDatabases.Rows;
import cl.cobranza.connectors.postgres.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static cl.cobranza.connectors.demo.DemoDatabases.CLOCK;
import static cl.cobranza.connectors.demo.DemoDatabases.TODAY;
import static cl.cobranza.connectors.demo.DemoDatabases.count;
import static cl.cobranza.connectors.demo.DemoDatabases.rows;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo generator against a real PostgreSQL: one large seeded history (120 debtors, 4.000 invoices, with
 * collection work) checked for valid identities, IVA, behaviours recorded and followed, promises, dates; plus
 * determinism, speed and live steps on clients of their own.
 */
class DemoDataGeneratorTest {
    @TempDir
    static Path dir;
    static PostgresServer pg;
    static DemoClient history;
    static Rows rows;

    @BeforeAll
    static void seedALargeHistory() throws Exception {
        pg = DemoDatabases.start(dir);
        history = DemoDatabases.client(pg, "historia");
        long t0 = System.nanoTime();
        try (DemoDataGenerator g = new DemoDataGenerator(pg, List.of(history), 0, 7, CLOCK, true)) {
            g.seedIfEmpty(120, 4000);
        }
        System.out.printf("seeded 120 customers × 4000 invoices in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        rows = DemoDatabases.read(pg, history);
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    @Test
    void everyRutIsValidAndInItsRange() throws SQLException {
        List<List<String>> customers;
        try (Connection c = pg.connect(history.database())) {
            customers = rows(c, "SELECT c.rut, b.size FROM customers c JOIN demo_behaviours b ON b.customer_id = c.id");
        }
        assertThat(customers).hasSize(120);
        Set<String> seen = new HashSet<>();
        for (List<String> row : customers) {
            String rut = row.get(0);
            assertThat(rut).matches("\\d{1,2}\\.\\d{3}\\.\\d{3}-[0-9K]");
            int body = Integer.parseInt(rut.substring(0, rut.indexOf('-')).replace(".", ""));
            assertThat(rut.charAt(rut.length() - 1)).as(rut).isEqualTo(mod11(body));
            if (row.get(1).equals("PERSONA")) {
                assertThat(body).as(rut).isBetween(5_000_000, 25_000_000);
            } else {
                assertThat(body).as(rut).isBetween(76_000_000, 77_999_999);
            }
            assertThat(seen.add(rut)).as("RUT %s twice", rut).isTrue();
        }
    }

    /** Chile's mod-11, written out independently of the code under test (chile.md). */
    private static char mod11(int body) {
        int[] factors = {2, 3, 4, 5, 6, 7};
        int sum = 0;
        int i = 0;
        for (int n = body; n > 0; n /= 10, i++) {
            sum += (n % 10) * factors[i % 6];
        }
        int digit = 11 - sum % 11;
        return digit == 11 ? '0' : digit == 10 ? 'K' : Character.forDigit(digit, 10);
    }

    @Test
    void namesLookChileanAndEmailsAreAddresses() throws SQLException {
        List<List<String>> customers;
        try (Connection c = pg.connect(history.database())) {
            customers = rows(c, "SELECT c.name, c.email, b.size FROM customers c JOIN demo_behaviours b ON b.customer_id = c.id");
        }
        int withEmail = 0;
        Set<String> names = new HashSet<>();
        for (List<String> row : customers) {
            String name = row.get(0);
            names.add(name);
            if (row.get(2).equals("PERSONA")) {
                assertThat(name.split(" ")).as("nombres and two apellidos: %s", name).hasSizeBetween(3, 4);
            } else {
                assertThat(name).as(name).matches(".+ (SpA|Ltda\\.|S\\.A\\.|E\\.I\\.R\\.L\\.)");
            }
            if (!row.get(1).equals("null")) {
                withEmail++;
                assertThat(row.get(1)).matches("[a-z0-9.]+@[a-z0-9-]+(\\.[a-z]+)+");
            }
        }
        assertThat(names).as("varied names").hasSizeGreaterThan(110);
        assertThat(withEmail).isGreaterThan(100);
    }

    @Test
    void facturasCarryIvaAndExemptOnesDoNot() {
        Map<Integer, Integer> byType = new TreeMap<>();
        for (Invoice inv : rows.invoices().values()) {
            byType.merge(inv.dte(), 1, Integer::sum);
            if (inv.dte() == 33 || inv.dte() == 56) {
                assertThat(hasNetWithIva(inv.total())).as("DTE %d folio %d total %d = net × 1,19", inv.dte(),
                        inv.folio(), inv.total()).isTrue();
            }
            assertThat(inv.total()).isPositive();
        }
        assertThat(byType.keySet()).containsExactly(33, 34, 56);
        assertThat(byType.get(33)).isGreaterThan(byType.get(34)).isGreaterThan(byType.get(56));
        // a third of DTE 34 amounts are round thousands, the rest whole pesos that no IVA rule constrains
        long exemptNotFromNet = rows.invoices().values().stream().filter(i -> i.dte() == 34)
                .filter(i -> !hasNetWithIva(i.total())).count();
        assertThat(exemptNotFromNet).as("exempt totals are not net × 1,19").isPositive();
    }

    /** True when some whole net gives this total with IVA rounded half up (checked with BigDecimal, not Iva). */
    private static boolean hasNetWithIva(long total) {
        long guess = BigDecimal.valueOf(total).divide(new BigDecimal("1.19"), 0, RoundingMode.DOWN).longValue();
        for (long net = guess - 2; net <= guess + 2; net++) {
            long iva = new BigDecimal(net).multiply(new BigDecimal("0.19")).setScale(0, RoundingMode.HALF_UP).longValue();
            if (net + iva == total) {
                return true;
            }
        }
        return false;
    }

    @Test
    void amountsSpreadLogNormallyWithClientSize() {
        Map<DebtorProfile.Size, List<Long>> bySize = new EnumMap<>(DebtorProfile.Size.class);
        for (Invoice inv : rows.invoices().values()) {
            if (inv.dte() == 33) {
                bySize.computeIfAbsent(rows.profiles().get(inv.customer()).size(), k -> new ArrayList<>()).add(inv.total());
            }
        }
        long persona = median(bySize.get(DebtorProfile.Size.PERSONA));
        long pequena = median(bySize.get(DebtorProfile.Size.PEQUENA));
        long grande = median(bySize.get(DebtorProfile.Size.GRANDE));
        assertThat(persona).isLessThan(pequena);
        assertThat(pequena).isLessThan(grande);
        List<Long> all = new ArrayList<>();
        bySize.values().forEach(all::addAll);
        all.sort(null);
        // a long right tail: the 95th percentile is far above the median
        assertThat(all.get(all.size() * 95 / 100)).isGreaterThan(4 * all.get(all.size() / 2));
    }

    @Test
    void termsAreMostlyThirtyOrSixtyDays() {
        Map<Long, Integer> terms = new TreeMap<>();
        int blank = 0;
        for (Invoice inv : rows.invoices().values()) {
            if (!inv.dueGiven()) {
                blank++;
                continue;
            }
            terms.merge(inv.due().toEpochDay() - inv.issued().toEpochDay(), 1, Integer::sum);
        }
        assertThat(terms.keySet()).containsExactly(0L, 15L, 30L, 60L, 90L);
        assertThat(terms.get(30L) + terms.get(60L)).isGreaterThan(rows.invoices().size() / 2);
        assertThat(blank).as("due dates the ERP left blank").isPositive();
    }

    @Test
    void creditNotesArePartialOrCancellingAndNeverExceedTheInvoice() {
        Map<Long, Long> credited = new HashMap<>();
        Set<Integer> reasons = new HashSet<>();
        for (CreditNote n : rows.creditNotes()) {
            Invoice inv = rows.invoices().get(n.invoice());
            reasons.add(n.reason());
            credited.merge(n.invoice(), n.amount(), Long::sum);
            assertThat(n.issued()).isAfterOrEqualTo(inv.issued());
            if (n.reason() == 1) {
                assertThat(n.amount()).as("a cancelling note cancels what was open").isLessThanOrEqualTo(inv.total());
            } else {
                assertThat(n.amount()).isLessThan(inv.total());
            }
        }
        assertThat(reasons).containsExactlyInAnyOrder(1, 3);
        credited.forEach((invoice, sum) -> {
            long paid = rows.paymentsOf(invoice).stream().filter(p -> !p.reversed()).mapToLong(Payment::amount).sum();
            assertThat(sum + paid).as("invoice %d credited and paid", invoice)
                    .isLessThanOrEqualTo(rows.invoices().get(invoice).total());
        });
    }

    @Test
    void everyCustomerHasItsBehaviourRecordedButNotCaptured() throws SQLException {
        try (Connection c = pg.connect(history.database())) {
            assertThat(count(c, "SELECT count(*) FROM customers c LEFT JOIN demo_behaviours b ON b.customer_id = c.id"
                    + " WHERE b.customer_id IS NULL")).isZero();
        }
        Map<DebtorBehaviour, Integer> counts = new EnumMap<>(DebtorBehaviour.class);
        for (DebtorProfile p : rows.profiles().values()) {
            counts.merge(p.behaviour(), 1, Integer::sum);
            assertThat(p.defaultsOn() != null).as("only a moroso defaults").isEqualTo(p.behaviour() == DebtorBehaviour.MOROSO);
            assertThat(p.promiseKeepingProbability()).isBetween(0.0, 1.0);
            assertThat(p.minDelayDays()).isLessThanOrEqualTo(p.maxDelayDays());
        }
        // 35 / 30 / 12 / 8 / 15 % of 120
        assertThat(counts).containsEntry(DebtorBehaviour.PUNTUAL, 42).containsEntry(DebtorBehaviour.HABITUALMENTE_ATRASADO, 36)
                .containsEntry(DebtorBehaviour.CRONICO, 14).containsEntry(DebtorBehaviour.MOROSO, 10)
                .containsEntry(DebtorBehaviour.DISPUTADOR, 18);
        assertThat(DemoErp.TABLES).noneMatch(t -> t.contains("demo_behaviours"));
    }

    @Test
    void paymentDelaysFollowEachBehaviour() {
        Map<DebtorBehaviour, List<Long>> delays = new EnumMap<>(DebtorBehaviour.class);
        for (Payment p : rows.payments()) {
            if (!p.reversed()) {
                Invoice inv = rows.invoices().get(p.invoice());
                delays.computeIfAbsent(rows.behaviourOfInvoice(p.invoice()), k -> new ArrayList<>())
                        .add(p.paidOn().toEpochDay() - inv.due().toEpochDay());
            }
        }
        System.out.println("payment delay medians: " + medians(delays));
        assertThat(median(delays.get(DebtorBehaviour.PUNTUAL))).isLessThanOrEqualTo(0);
        assertThat(median(delays.get(DebtorBehaviour.HABITUALMENTE_ATRASADO))).isBetween(5L, 40L);
        assertThat(median(delays.get(DebtorBehaviour.CRONICO))).isGreaterThanOrEqualTo(60);
        assertThat(median(delays.get(DebtorBehaviour.DISPUTADOR))).isBetween(-5L, 30L);
        // most payments fall within the debtor's own clipped range (the rest: disputes, promises, bounced cheques)
        for (DebtorBehaviour b : List.of(DebtorBehaviour.PUNTUAL, DebtorBehaviour.HABITUALMENTE_ATRASADO, DebtorBehaviour.CRONICO)) {
            long inRange = 0;
            long all = 0;
            for (Payment p : rows.payments()) {
                Invoice inv = rows.invoices().get(p.invoice());
                DebtorProfile profile = rows.profiles().get(inv.customer());
                if (p.reversed() || profile.behaviour() != b) {
                    continue;
                }
                long delay = p.paidOn().toEpochDay() - inv.due().toEpochDay();
                all++;
                if (delay >= Math.max(profile.minDelayDays(), -(inv.due().toEpochDay() - inv.issued().toEpochDay()))
                        && delay <= profile.maxDelayDays()) {
                    inRange++;
                }
            }
            assertThat((double) inRange / all).as("%s payments within its delay range", b).isGreaterThan(0.85);
        }
    }

    @Test
    void aMorosoStopsPayingWhenItDefaults() {
        long before = 0;
        long after = 0;
        for (Payment p : rows.payments()) {
            Invoice inv = rows.invoices().get(p.invoice());
            DebtorProfile profile = rows.profiles().get(inv.customer());
            if (p.reversed() || profile.behaviour() != DebtorBehaviour.MOROSO) {
                continue;
            }
            if (p.paidOn().isBefore(profile.defaultsOn())) {
                before++;
            } else {
                after++;
            }
            assertThat(inv.issued()).as("no credit a month after defaulting")
                    .isBeforeOrEqualTo(profile.defaultsOn().plusDays(30));
        }
        assertThat(before).isPositive();
        assertThat(after).as("after defaulting only small part-payments and the odd kept promise").isLessThan(before / 3 + 5);
    }

    @Test
    void disputersGetMoreCreditNotesAndPartialPaymentsAreCommonInChronicDebtors() {
        Map<DebtorBehaviour, double[]> noteShare = new EnumMap<>(DebtorBehaviour.class);
        Set<Long> withNote = new HashSet<>();
        rows.creditNotes().forEach(n -> withNote.add(n.invoice()));
        Map<DebtorBehaviour, double[]> instalments = new EnumMap<>(DebtorBehaviour.class);
        for (Invoice inv : rows.invoices().values()) {
            DebtorBehaviour b = rows.profiles().get(inv.customer()).behaviour();
            double[] s = noteShare.computeIfAbsent(b, k -> new double[2]);
            s[0] += withNote.contains(inv.id()) ? 1 : 0;
            s[1]++;
            // partial: the first payment left part of the balance open (truncation at today cannot bias this)
            Payment firstPaid = rows.paymentsOf(inv.id()).stream().filter(p -> !p.reversed()).findFirst().orElse(null);
            if (firstPaid != null) {
                long credited = rows.creditNotes().stream().filter(n -> n.invoice() == inv.id())
                        .mapToLong(CreditNote::amount).sum();
                double[] t = instalments.computeIfAbsent(b, k -> new double[2]);
                t[0] += firstPaid.amount() < inv.total() - credited ? 1 : 0;
                t[1]++;
            }
        }
        double disputer = noteShare.get(DebtorBehaviour.DISPUTADOR)[0] / noteShare.get(DebtorBehaviour.DISPUTADOR)[1];
        double punctual = noteShare.get(DebtorBehaviour.PUNTUAL)[0] / noteShare.get(DebtorBehaviour.PUNTUAL)[1];
        assertThat(disputer).isGreaterThan(2.5 * punctual);
        double chronic = instalments.get(DebtorBehaviour.CRONICO)[0] / instalments.get(DebtorBehaviour.CRONICO)[1];
        double punctualSplit = instalments.get(DebtorBehaviour.PUNTUAL)[0] / instalments.get(DebtorBehaviour.PUNTUAL)[1];
        System.out.printf("credit notes: disputador %.3f, puntual %.3f; first payment partial: cronico %.3f, puntual %.3f%n",
                disputer, punctual, chronic, punctualSplit);
        assertThat(chronic).isGreaterThan(0.3).isGreaterThan(5 * punctualSplit);
        assertThat(rows.payments()).anyMatch(Payment::reversed);
    }

    @Test
    void promisesAreKeptInTheOrderOfTheDebtorsKeepingProbability() {
        Map<DebtorBehaviour, int[]> kept = new EnumMap<>(DebtorBehaviour.class);
        for (Promise q : rows.promises()) {
            if (q.promisedOn().plusDays(3).isAfter(TODAY)) {
                continue; // still pending: its grace has not run out
            }
            long inWindow = rows.paymentsOf(q.invoice()).stream().filter(p -> !p.reversed())
                    .filter(p -> !p.paidOn().isBefore(q.madeOn()) && !p.paidOn().isAfter(q.promisedOn().plusDays(3)))
                    .mapToLong(Payment::amount).sum();
            int[] k = kept.computeIfAbsent(rows.behaviourOfInvoice(q.invoice()), b -> new int[2]);
            k[0] += inWindow >= q.amount() ? 1 : 0;
            k[1]++;
        }
        assertThat(DemoInvariants.assertPromisesKeptAsDrawn(rows, TODAY)).isGreaterThan(300);
        Map<DebtorBehaviour, String> shown = new EnumMap<>(DebtorBehaviour.class);
        kept.forEach((b, k) -> shown.put(b, k[0] + "/" + k[1]));
        System.out.println("promises kept: " + shown);
        List<DebtorBehaviour> order = List.of(DebtorBehaviour.HABITUALMENTE_ATRASADO, DebtorBehaviour.DISPUTADOR,
                DebtorBehaviour.CRONICO, DebtorBehaviour.MOROSO);
        double previous = 1.01;
        for (DebtorBehaviour b : order) {
            int[] k = kept.get(b);
            assertThat(k[1]).as("judged promises of %s", b).isGreaterThanOrEqualTo(15);
            double rate = (double) k[0] / k[1];
            assertThat(rate).as("kept rate of %s", b).isLessThan(previous);
            previous = rate;
        }
        if (kept.containsKey(DebtorBehaviour.PUNTUAL)) {
            int[] k = kept.get(DebtorBehaviour.PUNTUAL);
            assertThat((double) k[0] / k[1]).isGreaterThanOrEqualTo(
                    (double) kept.get(DebtorBehaviour.CRONICO)[0] / kept.get(DebtorBehaviour.CRONICO)[1]);
        }
    }

    @Test
    void nothingIsDatedInTheFuture() throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(CLOCK);
        rows.invoices().values().forEach(i -> assertThat(i.issued()).isBeforeOrEqualTo(TODAY));
        rows.payments().forEach(p -> assertThat(p.paidOn()).isBeforeOrEqualTo(TODAY)
                .isAfterOrEqualTo(rows.invoices().get(p.invoice()).issued()));
        rows.creditNotes().forEach(n -> assertThat(n.issued()).isBeforeOrEqualTo(TODAY));
        rows.actions().forEach(a -> assertThat(a.on()).isBeforeOrEqualTo(TODAY));
        rows.promises().forEach(q -> assertThat(q.madeOn()).isBeforeOrEqualTo(TODAY).isBeforeOrEqualTo(q.promisedOn()));
        rows.profiles().values().stream().filter(p -> p.defaultsOn() != null)
                .forEach(p -> assertThat(p.defaultsOn()).isBefore(TODAY));
        try (Connection c = pg.connect(history.database())) {
            assertThat(OffsetDateTime.parse(rows(c, "SELECT to_char(max(created_at), 'YYYY-MM-DD\"T\"HH24:MI:SSOF')"
                    + " || ':00' FROM customers").get(0).get(0))).isBeforeOrEqualTo(now);
        }
        try (Connection c = pg.connect(PlatformDb.DATABASE)) {
            assertThat(count(c, "SELECT count(*) FROM collections.collection_actions WHERE recorded_at > '" + now + "'"))
                    .isZero();
        }
    }

    @Test
    void theHistorySpansSixMonthsWithPaymentsOnTheirOwnDays() {
        LocalDate first = rows.invoices().values().stream().map(Invoice::issued).min(LocalDate::compareTo).orElseThrow();
        assertThat(first).isBetween(TODAY.minusDays(DemoDataGenerator.HISTORY_DAYS), TODAY.minusDays(170));
        Set<LocalDate> payDays = new HashSet<>();
        long today = 0;
        for (Payment p : rows.payments()) {
            payDays.add(p.paidOn());
            today += p.paidOn().equals(TODAY) ? 1 : 0;
        }
        assertThat(payDays).hasSizeGreaterThan(120);
        assertThat(today).isLessThan(rows.payments().size() / 50);
        long open = rows.invoices().values().stream().filter(i -> open(i) > 0).count();
        long overdue = rows.invoices().values().stream().filter(i -> open(i) > 0 && i.due().isBefore(TODAY)).count();
        assertThat(open).isBetween(rows.invoices().size() / 10L, rows.invoices().size() / 2L);
        assertThat(overdue).isPositive().isLessThan(open);
    }

    private static long open(Invoice i) {
        long paid = rows.paymentsOf(i.id()).stream().filter(p -> !p.reversed()).mapToLong(Payment::amount).sum();
        long credited = rows.creditNotes().stream().filter(n -> n.invoice() == i.id()).mapToLong(CreditNote::amount).sum();
        return i.total() - paid - credited;
    }

    @Test
    void collectorsWorkOverdueInvoicesWithinTheLegalContactLimits() {
        DemoInvariants.assertLegalContacts(rows);
        Map<String, Integer> outcomes = new TreeMap<>();
        for (Action a : rows.actions()) {
            Invoice inv = rows.invoices().get(a.invoice());
            assertThat(a.on()).as("action %d on an overdue invoice", a.id()).isAfter(inv.due());
            outcomes.merge(a.channel() + " " + a.outcome(), 1, Integer::sum);
        }
        System.out.println("actions: " + outcomes);
        assertThat(outcomes).containsKeys("CALL PROMISED_TO_PAY", "CALL NO_ANSWER", "CALL DISPUTED", "EMAIL DELIVERED",
                "WHATSAPP DELIVERED", "LETTER DELIVERED");
        // right-party contact on calls follows contactability: punctual debtors answer, defaulters do not
        Map<DebtorBehaviour, int[]> reached = new EnumMap<>(DebtorBehaviour.class);
        for (Action a : rows.actions()) {
            if (a.channel().equals("CALL")) {
                int[] r = reached.computeIfAbsent(rows.behaviourOfInvoice(a.invoice()), b -> new int[2]);
                r[0] += Set.of("CONTACTED", "PROMISED_TO_PAY", "DISPUTED", "REFUSED").contains(a.outcome()) ? 1 : 0;
                r[1]++;
            }
        }
        double atrasado = rate(reached.get(DebtorBehaviour.HABITUALMENTE_ATRASADO));
        double moroso = rate(reached.get(DebtorBehaviour.MOROSO));
        assertThat(atrasado).isGreaterThan(moroso + 0.2);
    }

    @Test
    void seedingTwiceLeavesASeededClientAlone() throws Exception {
        long before;
        try (Connection c = pg.connect(history.database())) {
            before = count(c, "SELECT count(*) FROM invoices");
        }
        try (DemoDataGenerator g = new DemoDataGenerator(pg, List.of(history), 0, 8, CLOCK, true)) {
            g.seedIfEmpty(10, 10);
        }
        try (Connection c = pg.connect(history.database())) {
            assertThat(count(c, "SELECT count(*) FROM invoices")).isEqualTo(before);
        }
    }

    @Test
    void threeClientsOfFortyDebtorsAndAHundredAndFiftyInvoicesSeedInAFewSeconds() throws Exception {
        List<DemoClient> three = List.of(DemoDatabases.client(pg, "rapido-uno"), DemoDatabases.client(pg, "rapido-dos"),
                DemoDatabases.client(pg, "rapido-tres"));
        long t0 = System.nanoTime();
        try (DemoDataGenerator g = new DemoDataGenerator(pg, three, 0, 42, CLOCK, true)) {
            g.seedIfEmpty(40, 150);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("seeded 3 clients × 40 customers × 150 invoices in %d ms%n", ms);
        assertThat(ms).isLessThan(5_000);
        for (DemoClient c : three) {
            try (Connection db = pg.connect(c.database())) {
                assertThat(count(db, "SELECT count(*) FROM customers")).isEqualTo(40);
                assertThat(count(db, "SELECT count(*) FROM invoices")).isEqualTo(150);
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameRowsAndAnotherSeedOthers() throws Exception {
        // twins share the client id (the per-client seed comes from it) but not the database; the platform rows of
        // the first are set aside before the second runs, so both start from the same state
        DemoClient first = new DemoClient("gemelo", "Gemelo", "76.543.210-3", "erp_gemelo_1");
        DemoClient second = new DemoClient("gemelo", "Gemelo", "76.543.210-3", "erp_gemelo_2");
        List<List<List<String>>> a = twin(first);
        List<List<List<String>>> b = twin(second);
        for (int t = 0; t < a.size(); t++) {
            assertThat(b.get(t)).as("table %d", t).isEqualTo(a.get(t));
        }
        assertThat(a.get(0)).hasSize(25);

        DemoClient other = DemoDatabases.client(pg, "otro-gemelo");
        try (DemoDataGenerator g = new DemoDataGenerator(pg, List.of(other), 0, 12345, CLOCK, true)) {
            g.seedIfEmpty(25, 300);
        }
        try (Connection c = pg.connect(other.database())) {
            assertThat(rows(c, "SELECT rut, name, email FROM customers ORDER BY id")).isNotEqualTo(a.get(0));
        }
    }

    /** Seeds the twin, runs 150 live steps, and returns its rows (ids included); clears its platform rows after. */
    private static List<List<List<String>>> twin(DemoClient client) throws Exception {
        DemoErp.install(pg, client);
        try (DemoDataGenerator g = new DemoDataGenerator(pg, List.of(client), 0, 2024, CLOCK, true)) {
            g.seedIfEmpty(25, 300);
            for (int i = 0; i < 150; i++) {
                g.step();
            }
        }
        List<List<List<String>>> tables = new ArrayList<>();
        try (Connection c = pg.connect(client.database())) {
            tables.add(rows(c, "SELECT rut, name, email, created_at FROM customers ORDER BY id"));
            tables.add(rows(c, "SELECT * FROM invoices ORDER BY id"));
            tables.add(rows(c, "SELECT * FROM credit_notes ORDER BY id"));
            tables.add(rows(c, "SELECT * FROM payments ORDER BY id"));
            tables.add(rows(c, "SELECT customer_id, behaviour, seed, mean_delay_days, promise_keeping_probability,"
                    + " defaults_on FROM demo_behaviours ORDER BY customer_id"));
        }
        try (Connection c = pg.connect(PlatformDb.DATABASE)) {
            tables.add(rows(c, "SELECT invoice_id, action_date, channel, outcome, agent_minutes, notes, recorded_by,"
                    + " recorded_at FROM collections.collection_actions WHERE client_id = 'gemelo' ORDER BY id"));
            tables.add(rows(c, "SELECT invoice_id, made_on, promised_date, amount_clp, recorded_by, recorded_at"
                    + " FROM collections.promises WHERE client_id = 'gemelo' ORDER BY id"));
            try (var s = c.createStatement()) {
                s.execute("DELETE FROM collections.collection_actions WHERE client_id = 'gemelo'");
                s.execute("DELETE FROM collections.promises WHERE client_id = 'gemelo'");
            }
        }
        return tables;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private static Map<DebtorBehaviour, Long> medians(Map<DebtorBehaviour, List<Long>> values) {
        Map<DebtorBehaviour, Long> out = new EnumMap<>(DebtorBehaviour.class);
        values.forEach((b, v) -> out.put(b, median(v)));
        return out;
    }

    private static double rate(int[] k) {
        return (double) k[0] / k[1];
    }
}
