package cl.cobranza.connectors.demo;

import cl.cobranza.core.money.Iva;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import static cl.cobranza.connectors.demo.DemoRandom.intBetween;
import static cl.cobranza.connectors.demo.DemoRandom.mix;
import static cl.cobranza.connectors.demo.DemoRandom.weighted;

/**
 * About six months of one client's receivables, simulated day by day from each debtor's hidden behaviour: the
 * invoices it issued, the credit notes, the payments on the days the debtors made them (partial ones, bounced
 * cheques reversed), and, when asked, the agency's collection actions and promises to pay, kept or broken as each
 * debtor's promise-keeping probability says. Rows are in memory, in date order, indexed (not yet given database
 * ids); {@link DemoDataGenerator} writes them. Nothing is dated after {@code today}.
 */
final class DemoHistory {
    /** How far back the seeded history starts. */
    static final int HISTORY_DAYS = 183;
    /** Chance that an agent gets to a debtor's scheduled contact on a given day. */
    static final double CAPACITY = 0.8;

    /** A debtor: identity, hidden profile, and when the client's ERP first registered it. */
    record Customer(ChileanNames.Identity identity, DebtorProfile profile, LocalDate since) {
    }

    /** An invoice (DTE 33, 34 or 56) of customer {@code customer}; {@code due} is null when the ERP left it blank. */
    record Invoice(int customer, int dte, long folio, LocalDate issued, LocalDate due, long totalClp) {
        LocalDate effectiveDue() {
            return InvoiceFate.effectiveDue(issued, due);
        }
    }

    /** A credit note (DTE 61) on invoice {@code invoice}. */
    record CreditNote(int invoice, long folio, LocalDate on, long amountClp, int reason) {
    }

    /** A payment on invoice {@code invoice}; a reversed one is a cheque that bounced. */
    record Payment(int invoice, LocalDate on, long amountClp, String method, boolean reversed) {
    }

    /** A collector's action on invoice {@code invoice}. */
    record Action(int invoice, LocalDate on, String channel, String outcome, int minutes, String notes, String agent) {
    }

    /** A promise to pay on invoice {@code invoice}. */
    record Promise(int invoice, LocalDate madeOn, LocalDate promisedOn, long amountClp, String agent) {
    }

    final List<Customer> customers = new ArrayList<>();
    final List<Invoice> invoices = new ArrayList<>();
    final List<CreditNote> creditNotes = new ArrayList<>();
    final List<Payment> payments = new ArrayList<>();
    final List<Action> actions = new ArrayList<>();
    final List<Promise> promises = new ArrayList<>();

    private DemoHistory() {
    }

    /** The history of a client with {@code customers} debtors and about {@code invoices} documents. */
    static DemoHistory generate(long clientSeed, int customers, int invoices, LocalDate today, boolean collectionWork) {
        DemoHistory h = new DemoHistory();
        SplittableRandom r = new SplittableRandom(clientSeed);
        LocalDate start = today.minusDays(HISTORY_DAYS);
        List<DebtorBehaviour> behaviours = behaviours(customers, r);
        Set<Integer> ruts = new HashSet<>();
        List<LocalDate[]> windows = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            DebtorProfile.Size size = DebtorProfile.Size.values()[weighted(r, DebtorProfile.Size.MIX)];
            DebtorProfile profile = DebtorProfile.draw(behaviours.get(i), size, mix(clientSeed, i, 1), today);
            ChileanNames.Identity id = profile.isPerson() ? ChileanNames.person(r, ruts) : ChileanNames.company(r, ruts);
            // a quarter of the customers arrived during the period; a defaulter gets no credit a month after defaulting
            LocalDate from = r.nextInt(4) == 0 ? start.plusDays(r.nextInt(HISTORY_DAYS - 30)) : start;
            LocalDate to = profile.defaultsOn() == null ? today : min(today, profile.defaultsOn().plusDays(30));
            if (to.isBefore(from)) {
                from = to.minusDays(60);
            }
            windows.add(new LocalDate[] {from, to});
            h.customers.add(new Customer(id, profile, from.minusDays(intBetween(r, 0, 90))));
        }

        double[] activity = new double[customers];
        for (int i = 0; i < customers; i++) {
            LocalDate[] w = windows.get(i);
            activity[i] = h.customers.get(i).profile().activity() * (1 + w[1].toEpochDay() - w[0].toEpochDay());
        }
        List<Invoice> drafts = new ArrayList<>();
        for (int k = 0; k < invoices && customers > 0; k++) {
            int c = weighted(r, activity);
            DebtorProfile p = h.customers.get(c).profile();
            LocalDate[] w = windows.get(c);
            LocalDate issued = officeDay(w[0].plusDays(r.nextInt((int) (1 + w[1].toEpochDay() - w[0].toEpochDay()))), w[0], r);
            int dte = r.nextInt(100) < 4 ? 56 : r.nextDouble() < p.exemptShare() ? 34 : 33;
            long total = amount(p, dte, r);
            LocalDate due = r.nextInt(100) < 8 ? null : issued.plusDays(p.termsDays());
            drafts.add(new Invoice(c, dte, 0, issued, due, total));
        }
        drafts.sort(Comparator.comparing(Invoice::issued));
        long[] folios = new long[100];
        for (Invoice d : drafts) {
            long folio = folios[d.dte()] == 0 ? 1001 : folios[d.dte()] + 1;
            folios[d.dte()] = folio;
            h.invoices.add(new Invoice(d.customer(), d.dte(), folio, d.issued(), d.due(), d.totalClp()));
        }

        List<List<Integer>> byCustomer = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            byCustomer.add(new ArrayList<>());
        }
        for (int i = 0; i < h.invoices.size(); i++) {
            byCustomer.get(h.invoices.get(i).customer()).add(i);
        }
        for (int c = 0; c < customers; c++) {
            new DebtorRun(h, c, byCustomer.get(c), today, collectionWork, new SplittableRandom(mix(clientSeed, c, 2))).run();
        }
        h.creditNotes.sort(Comparator.comparing(CreditNote::on));
        List<CreditNote> numbered = new ArrayList<>();
        long folio = 5000;
        for (CreditNote n : h.creditNotes) {
            numbered.add(new CreditNote(n.invoice(), ++folio, n.on(), n.amountClp(), n.reason()));
        }
        h.creditNotes.clear();
        h.creditNotes.addAll(numbered);
        h.payments.sort(Comparator.comparing(Payment::on));
        h.actions.sort(Comparator.comparing(Action::on));
        h.promises.sort(Comparator.comparing(Promise::madeOn));
        return h;
    }

    /** Behaviours in the {@link DebtorBehaviour#MIX} proportions (each at least once from 5 customers), shuffled. */
    static List<DebtorBehaviour> behaviours(int customers, SplittableRandom r) {
        DebtorBehaviour[] all = DebtorBehaviour.values();
        int[] counts = new int[all.length];
        double[] remainders = new double[all.length];
        int assigned = 0;
        for (int b = 0; b < all.length; b++) {
            double exact = customers * DebtorBehaviour.MIX[b];
            counts[b] = (int) exact;
            remainders[b] = exact - counts[b];
            assigned += counts[b];
        }
        while (assigned < customers) {
            int best = 0;
            for (int b = 1; b < all.length; b++) {
                if (remainders[b] > remainders[best]) {
                    best = b;
                }
            }
            counts[best]++;
            remainders[best] = -1;
            assigned++;
        }
        if (customers >= all.length) {
            for (int b = 0; b < all.length; b++) {
                while (counts[b] == 0) {
                    int largest = 0;
                    for (int o = 1; o < all.length; o++) {
                        if (counts[o] > counts[largest]) {
                            largest = o;
                        }
                    }
                    counts[largest]--;
                    counts[b]++;
                }
            }
        }
        List<DebtorBehaviour> out = new ArrayList<>();
        for (int b = 0; b < all.length; b++) {
            for (int k = 0; k < counts[b]; k++) {
                out.add(all[b]);
            }
        }
        for (int i = out.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            DebtorBehaviour t = out.get(i);
            out.set(i, out.get(j));
            out.set(j, t);
        }
        return out;
    }

    /**
     * A log-normal amount around the debtor's median: net whole pesos (a third of them round thousands, as for
     * services), and for DTE 33 and 56 the total with IVA; debit notes (interest, price adjustments) are small.
     */
    static long amount(DebtorProfile p, int dte, RandomGenerator r) {
        double median = dte == 56 ? p.medianNetClp() * 0.08 : p.medianNetClp();
        double sigma = dte == 56 ? 0.5 : p.amountSigma();
        long net = Math.round(median * Math.exp(sigma * r.nextGaussian()));
        net = Math.max(3_000, Math.min(200_000_000, net));
        if (r.nextInt(3) == 0) {
            net = Math.max(1000, net / 1000 * 1000);
        }
        return dte == 34 ? net : Iva.totalOf(net);
    }

    /** Invoices are issued on office days; a weekend or holiday draw moves to the next one (or back, at the end). */
    private static LocalDate officeDay(LocalDate day, LocalDate from, SplittableRandom r) {
        if (DemoCalendar.isOfficeDay(day) || r.nextInt(10) == 0) {
            return day; // some shops do invoice on Saturdays
        }
        for (LocalDate d = day.minusDays(1); !d.isBefore(from) && d.isAfter(day.minusDays(4)); d = d.minusDays(1)) {
            if (DemoCalendar.isOfficeDay(d)) {
                return d;
            }
        }
        return day;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    /** One debtor's days, from its first invoice to today: the collector in the morning, money during the day. */
    private static final class DebtorRun {
        private final DemoHistory h;
        private final int customer;
        private final DebtorProfile p;
        private final List<Integer> indexes;
        private final LocalDate today;
        private final boolean collectionWork;
        private final SplittableRandom r;
        private final List<State> states = new ArrayList<>();
        private Collector.Contacts contacts = Collector.Contacts.NONE;

        /** What the day loop tracks per invoice. */
        private static final class State {
            final int index;
            final Invoice invoice;
            final InvoiceFate fate;
            long credited;
            long paid;
            boolean disputeKnown;
            Promise promise;
            PromiseFate promiseFate;
            long paidSincePromise;

            State(int index, Invoice invoice, InvoiceFate fate) {
                this.index = index;
                this.invoice = invoice;
                this.fate = fate;
            }

            long open() {
                return Math.max(0, invoice.totalClp() - credited - paid);
            }
        }

        DebtorRun(DemoHistory h, int customer, List<Integer> indexes, LocalDate today, boolean collectionWork,
                  SplittableRandom r) {
            this.h = h;
            this.customer = customer;
            this.p = h.customers.get(customer).profile();
            this.indexes = indexes;
            this.today = today;
            this.collectionWork = collectionWork;
            this.r = r;
        }

        void run() {
            if (indexes.isEmpty()) {
                return;
            }
            for (int i : indexes) {
                Invoice inv = h.invoices.get(i);
                states.add(new State(i, inv, InvoiceFate.of(p, inv.dte(), inv.folio(), inv.issued(), inv.due(), inv.totalClp())));
            }
            String agent = Collector.agentOf(p);
            boolean hasEmail = h.customers.get(customer).identity().email() != null;
            for (LocalDate d = states.get(0).invoice.issued(); !d.isAfter(today); d = d.plusDays(1)) {
                if (collectionWork) {
                    collect(d, agent, hasEmail);
                }
                for (State s : states) {
                    if (!s.invoice.issued().isAfter(d)) {
                        moveMoney(s, d);
                    }
                }
            }
        }

        private void collect(LocalDate d, String agent, boolean hasEmail) {
            List<Collector.Overdue> workable = new ArrayList<>();
            for (State s : states) {
                LocalDate due = s.invoice.effectiveDue();
                if (s.invoice.issued().isAfter(d) || !due.isBefore(d) || s.open() == 0) {
                    continue;
                }
                if (s.disputeKnown && s.fate.contested(d)) {
                    continue; // out of the collection sequence until the dispute is resolved
                }
                if (s.promise != null && !d.isAfter(s.promise.promisedOn().plusDays(PromiseFate.GRACE_DAYS))) {
                    continue; // waiting for the promised date
                }
                InvoiceFate.Instalment next = s.fate.nextInstalment(d.minusDays(1));
                workable.add(new Collector.Overdue(s.index, d.toEpochDay() - due.toEpochDay(), s.open(),
                        s.fate.contested(d), next == null ? null : next.on()));
            }
            Collector.Decision a = Collector.decide(p, hasEmail, workable, contacts, d, CAPACITY, r);
            if (a == null) {
                return;
            }
            contacts = contacts.after(a.channel(), d);
            h.actions.add(new Action(a.target().invoice(), d, a.channel(), a.outcome(), a.minutes(), a.notes(), agent));
            State s = stateOf(a.target().invoice());
            if (a.outcome().equals("DISPUTED")) {
                s.disputeKnown = true;
            }
            if (a.promised()) {
                s.promise = new Promise(s.index, d, a.promisedOn(), a.promisedClp(), agent);
                s.promiseFate = PromiseFate.of(p, s.invoice.dte(), s.invoice.folio(), d, a.promisedOn());
                s.paidSincePromise = 0;
                h.promises.add(s.promise);
            }
        }

        private void moveMoney(State s, LocalDate d) {
            InvoiceFate.PlannedCreditNote note = s.fate.creditNote();
            if (note != null && note.on().equals(d)) {
                long amount = Math.min(note.amountClp(), s.open());
                if (amount > 0) {
                    s.credited += amount;
                    h.creditNotes.add(new CreditNote(s.index, 0, d, amount, note.reason()));
                }
            }
            boolean held = false;
            if (s.promise != null) {
                PromiseFate pf = s.promiseFate;
                held = pf.holds(s.promise.madeOn(), d);
                if (pf.kept() && pf.paysOn().equals(d)) {
                    pay(s, d, Math.min(s.promise.amountClp() - s.paidSincePromise, s.open()), "transferencia");
                } else if (!pf.kept() && s.promise.promisedOn().equals(d)) {
                    pay(s, d, Math.min(pf.tokenClp(s.promise.amountClp()), s.open()), "transferencia");
                }
            }
            if (held) {
                return;
            }
            long base = Math.max(0, s.invoice.totalClp() - s.credited);
            InvoiceFate.Instalment bounce = s.fate.bounceOn(d);
            if (bounce != null) {
                long amount = Math.min(InvoiceFate.amountOf(bounce.cumulative(), base) - s.paid, s.open());
                if (amount > 0) {
                    h.payments.add(new Payment(s.index, d, amount, "cheque", true));
                }
            }
            long amount = Math.min(s.fate.paidTarget(d, base) - s.paid, s.open());
            if (amount > 0) {
                InvoiceFate.Instalment due = s.fate.dueInstalment(d);
                pay(s, d, amount, due == null ? "transferencia" : due.method());
            }
        }

        private void pay(State s, LocalDate d, long amount, String method) {
            if (amount <= 0) {
                return;
            }
            s.paid += amount;
            s.paidSincePromise += amount;
            contacts = contacts.paid(d);
            h.payments.add(new Payment(s.index, d, amount, method, false));
        }

        private State stateOf(int index) {
            for (State s : states) {
                if (s.index == index) {
                    return s;
                }
            }
            throw new IllegalStateException("invoice " + index + " is not debtor " + customer + "'s");
        }
    }
}
