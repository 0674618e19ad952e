package cl.cobranza.core.testkit;

import cl.cobranza.core.collection.Channel;
import cl.cobranza.core.collection.Outcome;
import cl.cobranza.core.events.ActionRecorded;
import cl.cobranza.core.events.CanonicalEvent;
import cl.cobranza.core.events.CreditNoteChanged;
import cl.cobranza.core.events.DebtorChanged;
import cl.cobranza.core.events.InvoiceChanged;
import cl.cobranza.core.events.PaymentChanged;
import cl.cobranza.core.events.PromiseChanged;
import cl.cobranza.core.rut.Rut;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A seeded, realistic and messy history of several clients' receivables and of the collection work on them,
 * for property tests: what the sources wrote ({@link #sourceOrder()}) and what at-least-once CDC delivers
 * ({@link #arrivalOrder(long)}). The same seed always gives the same history.
 *
 * <p>Each client's ERP is its own source with its own growing positions (a PostgreSQL LSN); actions and
 * promises of every client come from the platform's one database ({@link #PLATFORM}), one sequence for all.
 * A payment or credit note moved to another invoice is one row change that the normaliser turns into two
 * events at the same position (the retraction from the old invoice, then the new version), and the history
 * holds both. Fact dates (issue, payment, credit note, action, promise made) are never after {@code to};
 * a due date or a promised date may be, as at any real as-of day. Ids are numeric text, as BIGSERIAL
 * columns give them, growing in the order rows were first written.
 */
public final class RandomHistory {
    /** The source (and topic client part) of the platform's own collection records. */
    public static final String PLATFORM = "platform";
    /** The promise grace the generator aims "kept within grace" promises at ({@code ClientTerms.defaults()}). */
    public static final int PROMISE_GRACE_DAYS = 3;

    private static final String[] FIRST = {"Comercial", "Distribuidora", "Inversiones", "Constructora", "Agrícola",
            "Servicios", "Importadora", "Sociedad", "Transportes", "Ferretería", "Frigorífico", "Maderas"};
    private static final String[] SECOND = {"Aconcagua", "Del Maule", "Los Robles", "San Pedro", "Pacífico",
            "Cordillera", "El Roble", "Santa Elena", "Bío Bío", "La Frontera", "Austral", "Del Elqui", "Chiloé"};
    private static final String[] FORM = {"SpA", "Ltda.", "S.A.", "EIRL"};
    private static final String[] GIVEN = {"María", "José", "Juan", "Francisca", "Camila", "Luis", "Valentina",
            "Pedro", "Constanza", "Matías", "Catalina", "Sebastián"};
    private static final String[] SURNAME = {"González", "Muñoz", "Rojas", "Díaz", "Pérez", "Soto", "Contreras",
            "Silva", "Martínez", "Sepúlveda", "Morales", "Rodríguez", "Fuentes", "Araya"};
    private static final int DAY_SECONDS = 86_400;

    private final List<String> clientIds;
    private final LocalDate from;
    private final LocalDate to;
    private final List<CanonicalEvent> sourceOrder;

    private RandomHistory(List<String> clientIds, LocalDate from, LocalDate to, List<CanonicalEvent> sourceOrder) {
        this.clientIds = List.copyOf(clientIds);
        this.from = from;
        this.to = to;
        this.sourceOrder = List.copyOf(sourceOrder);
    }

    /** Generates the history of {@code clientIds} with facts dated in [{@code from}, {@code to}]. */
    public static RandomHistory generate(long seed, List<String> clientIds, LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to " + to + " is before from " + from);
        }
        if (clientIds.isEmpty() || new HashSet<>(clientIds).size() != clientIds.size()) {
            throw new IllegalArgumentException("client ids must be distinct and at least one: " + clientIds);
        }
        for (String c : clientIds) {
            if (c.isBlank() || c.contains(".") || c.equals(PLATFORM)) {
                throw new IllegalArgumentException("client id '" + c
                        + "' cannot name a topic raw.<client>.<schema>.<table>: no dots, not blank, not " + PLATFORM);
            }
        }
        List<Write> writes = new ArrayList<>();
        long[] seq = {0};
        for (int i = 0; i < clientIds.size(); i++) {
            new ClientStory(clientIds.get(i), new Random(mix(seed, i + 1)), from, to, writes, seq).tell();
        }
        long lastSecond = (to.toEpochDay() + 1) * DAY_SECONDS - 1;
        writes.removeIf(w -> w.at > lastSecond); // dated in the period but not yet keyed in by its end
        writes.sort(Comparator.comparingLong((Write w) -> w.at).thenComparingLong(w -> w.seq));
        Finisher finisher = new Finisher(new Random(mix(seed, 0)));
        List<CanonicalEvent> events = new ArrayList<>();
        for (Write w : writes) {
            events.addAll(finisher.finish(w));
        }
        return new RandomHistory(clientIds, from, to, events);
    }

    /** Every version of every row, in the order the sources wrote them (positions grow per source). */
    public List<CanonicalEvent> sourceOrder() {
        return sourceOrder;
    }

    /**
     * The same events as at-least-once CDC delivers them: mostly in order with local shuffles, about 2% of
     * row changes very late, about 10% of row changes delivered twice (single redeliveries and whole blocks
     * replayed after a simulated restart), so some older versions arrive after newer ones. The two events
     * of one row change (a move) stay together, as they come from one record.
     */
    public List<CanonicalEvent> arrivalOrder(long seed) {
        List<List<CanonicalEvent>> changes = rowChanges();
        Random rnd = new Random(mix(seed, -1));
        int n = changes.size();
        List<Delivery> deliveries = new ArrayList<>(n + n / 8);
        for (int i = 0; i < n; i++) {
            double key = i + rnd.nextDouble() * 6; // a local shuffle across partitions and topics
            if (rnd.nextInt(100) < 2) {
                key = i + 30 + rnd.nextInt(Math.max(1, n / 5)); // a stuck partition, a slow connector
            }
            deliveries.add(new Delivery(key, deliveries.size(), changes.get(i)));
            if (rnd.nextInt(100) < 5) { // redelivered after a retried send
                deliveries.add(new Delivery(i + rnd.nextDouble() * 6 + rnd.nextInt(40), deliveries.size(),
                        changes.get(i)));
            }
            if (i > 50 && rnd.nextInt(500) == 0) { // restart from an older committed offset: replay a block
                int block = 5 + rnd.nextInt(40);
                for (int j = i - block; j <= i; j++) {
                    deliveries.add(new Delivery(i + 6 + (j - i + block) * 1e-3, deliveries.size(), changes.get(j)));
                }
            }
        }
        deliveries.sort(Comparator.comparingDouble((Delivery d) -> d.key).thenComparingInt(d -> d.order));
        List<CanonicalEvent> out = new ArrayList<>();
        for (Delivery d : deliveries) {
            out.addAll(d.events);
        }
        return out;
    }

    /** The source that wrote a fact: {@link #PLATFORM} for actions and promises, the client's ERP otherwise. */
    public static String sourceOf(CanonicalEvent e) {
        return e instanceof ActionRecorded || e instanceof PromiseChanged ? PLATFORM : e.clientId();
    }

    public List<String> clientIds() {
        return clientIds;
    }

    public LocalDate from() {
        return from;
    }

    public LocalDate to() {
        return to;
    }

    /** The source order grouped into row changes: consecutive events of one source at one position. */
    private List<List<CanonicalEvent>> rowChanges() {
        List<List<CanonicalEvent>> changes = new ArrayList<>();
        CanonicalEvent previous = null;
        for (CanonicalEvent e : sourceOrder) {
            if (previous != null && previous.sourcePosition() == e.sourcePosition()
                    && sourceOf(previous).equals(sourceOf(e))) {
                changes.get(changes.size() - 1).add(e);
            } else {
                changes.add(new ArrayList<>(List.of(e)));
            }
            previous = e;
        }
        return changes;
    }

    private static long mix(long seed, long salt) {
        long z = seed * 0x9E3779B97F4A7C15L + salt * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private record Delivery(double key, int order, List<CanonicalEvent> events) {
    }

    /**
     * One row change written to a source at second {@code at}: one event, or two for a move. Events still
     * carry placeholder ids and position 0; {@link Finisher} gives them their real ids and position.
     */
    private record Write(String source, long at, long seq, List<CanonicalEvent> events) {
    }

    /** Gives rows their BIGSERIAL ids and folios in first-write order, and each row change its position. */
    private static final class Finisher {
        private final Random rnd;
        private final Map<String, Long> positions = new HashMap<>();
        private final Map<String, String> ids = new HashMap<>();
        private final Map<String, Long> nextId = new HashMap<>();
        private final Map<String, Long> folios = new HashMap<>();
        private final Map<String, Long> nextFolio = new HashMap<>();

        Finisher(Random rnd) {
            this.rnd = rnd;
        }

        List<CanonicalEvent> finish(Write w) {
            // WAL bytes between two row changes of one source: the LSN grows by the size of what was written
            long position = positions.computeIfAbsent(w.source, s -> 16_000_000L + rnd.nextInt(64_000_000))
                    + 120 + rnd.nextInt(4_000);
            positions.put(w.source, position);
            List<CanonicalEvent> out = new ArrayList<>(w.events.size());
            for (CanonicalEvent e : w.events) {
                out.add(finish(e, position));
            }
            return out;
        }

        private CanonicalEvent finish(CanonicalEvent e, long p) {
            String c = e.clientId();
            if (e instanceof DebtorChanged d) {
                return new DebtorChanged(c, id(c, "", d.debtorId()), d.rut(), d.name(), d.deleted(), p);
            }
            if (e instanceof InvoiceChanged i) {
                String id = id(c, "", i.invoiceId());
                long folio = folios.computeIfAbsent(c + "/" + id, k -> {
                    long next = nextFolio.computeIfAbsent(c + "/" + i.dteType(), t -> 1_000L + rnd.nextInt(40_000));
                    nextFolio.put(c + "/" + i.dteType(), next + 1);
                    return next;
                });
                return new InvoiceChanged(c, id, id(c, "", i.debtorId()), i.dteType(), folio, i.issueDate(), i.dueDate(),
                        i.totalClp(), i.deleted(), p);
            }
            if (e instanceof CreditNoteChanged n) {
                return new CreditNoteChanged(c, id(c, "", n.creditNoteId()), id(c, "", n.invoiceId()), n.issueDate(),
                        n.amountClp(), n.deleted(), p);
            }
            if (e instanceof PaymentChanged y) {
                return new PaymentChanged(c, id(c, "", y.paymentId()), id(c, "", y.invoiceId()), y.paidOn(), y.amountClp(),
                        y.deleted(), p);
            }
            if (e instanceof ActionRecorded a) {
                return new ActionRecorded(c, id(PLATFORM, c, a.actionId()), id(c, "", a.invoiceId()),
                        a.actionDate(), a.channel(), a.outcome(), a.agentMinutes(), a.deleted(), p);
            }
            PromiseChanged q = (PromiseChanged) e;
            return new PromiseChanged(c, id(PLATFORM, c, q.promiseId()), id(c, "", q.invoiceId()), q.madeOn(),
                    q.promisedDate(), q.amountClp(), q.deleted(), p);
        }

        /**
         * The real id of a placeholder such as {@code i17} (table {@code i}, row 17) in a database, where
         * {@code scope} tells apart the clients sharing the platform's database: on first sight, the next of
         * the table's sequence.
         */
        private String id(String database, String scope, String placeholder) {
            return ids.computeIfAbsent(database + "/" + scope + "/" + placeholder, k -> {
                String table = database + "/" + placeholder.replaceAll("[0-9]", "");
                long next = nextId.computeIfAbsent(table, t -> 1L + rnd.nextInt(5_000));
                nextId.put(table, next + 1);
                return Long.toString(next);
            });
        }
    }

    /** A debtor of one client, as the generator tracks it. */
    private static final class Debtor {
        final String ph;
        final LocalDate created;
        final int rutBody;
        String name;

        Debtor(String ph, LocalDate created, int rutBody, String name) {
            this.ph = ph;
            this.created = created;
            this.rutBody = rutBody;
            this.name = name;
        }
    }

    /** A payment or credit note as the generator tracks it; {@code live} is its final standing. */
    private static final class Fact {
        final String ph;
        final boolean payment;
        String invoice;
        final LocalDate date;
        final long amount;
        boolean live = true;
        int versions = 1;

        Fact(String ph, boolean payment, String invoice, LocalDate date, long amount) {
            this.ph = ph;
            this.payment = payment;
            this.invoice = invoice;
            this.date = date;
            this.amount = amount;
        }

        CanonicalEvent event(String client, boolean deleted) {
            return payment ? new PaymentChanged(client, ph, invoice, date, amount, deleted, 0)
                    : new CreditNoteChanged(client, ph, invoice, date, amount, deleted, 0);
        }
    }

    /** An invoice as the generator tracks it. */
    private static final class Invoice {
        final String ph;
        final Debtor debtor;
        final int dte;
        final LocalDate issue;
        LocalDate dueDate;
        long total;
        boolean voided;
        final List<Fact> facts = new ArrayList<>();

        Invoice(String ph, Debtor debtor, int dte, LocalDate issue, LocalDate dueDate, long total) {
            this.ph = ph;
            this.debtor = debtor;
            this.dte = dte;
            this.issue = issue;
            this.dueDate = dueDate;
            this.total = total;
        }

        LocalDate due() {
            return dueDate != null ? dueDate : issue.plusDays(30);
        }

        /** The open balance as of {@code d} counting the final standing of every fact. */
        long open(LocalDate d) {
            if (voided || d.isBefore(issue)) {
                return 0;
            }
            long open = total;
            for (Fact f : facts) {
                if (f.live && !f.date.isAfter(d)) {
                    open -= f.amount;
                }
            }
            return Math.max(0, open);
        }

        /** The first live payment dated on or after {@code d}, or null. */
        Fact nextPayment(LocalDate d) {
            Fact next = null;
            for (Fact f : facts) {
                if (f.payment && f.live && !f.date.isBefore(d) && (next == null || f.date.isBefore(next.date))) {
                    next = f;
                }
            }
            return next;
        }
    }

    /** Tells one client's story: its debtors, invoices and their lives, and the collection work on them. */
    private static final class ClientStory {
        private final String client;
        private final Random rnd;
        private final LocalDate from;
        private final LocalDate to;
        private final List<Write> writes;
        private final long[] seq;
        private final List<Debtor> debtors = new ArrayList<>();
        private final List<Invoice> invoices = new ArrayList<>();
        private final Map<String, Long> firstAt = new HashMap<>();
        private final Map<String, Long> lastAt = new HashMap<>();
        private final Map<String, Integer> counters = new LinkedHashMap<>();

        ClientStory(String client, Random rnd, LocalDate from, LocalDate to, List<Write> writes, long[] seq) {
            this.client = client;
            this.rnd = rnd;
            this.from = from;
            this.to = to;
            this.writes = writes;
            this.seq = seq;
        }

        void tell() {
            createDebtors();
            int count = 80 + rnd.nextInt(121);
            List<LocalDate> issued = new ArrayList<>(count);
            long span = ChronoUnit.DAYS.between(from, to) + 1;
            for (int i = 0; i < count; i++) {
                issued.add(from.plusDays((long) (rnd.nextDouble() * span)));
            }
            issued.sort(Comparator.naturalOrder());
            for (LocalDate day : issued) {
                invoiceLife(day);
            }
            moves();
        }

        // --- debtors

        private void createDebtors() {
            int count = 15 + rnd.nextInt(36);
            Set<Integer> bodies = new HashSet<>();
            long span = ChronoUnit.DAYS.between(from, to) + 1;
            for (int i = 0; i < count + 2; i++) {
                boolean company = rnd.nextInt(4) != 0;
                int body;
                do {
                    body = company ? 76_000_000 + rnd.nextInt(2_000_000) : 5_000_000 + rnd.nextInt(20_000_000);
                } while (!bodies.add(body));
                // most customers exist before the period; a few are new, and the last two never buy
                LocalDate created = i < 3 || rnd.nextInt(5) != 0 ? from : from.plusDays((long) (rnd.nextDouble() * span));
                Debtor d = new Debtor(next("d"), created, body, company ? companyName() : personName());
                if (i < count) {
                    debtors.add(d);
                }
                writeDebtor(d, created, false);
                if (rnd.nextInt(10) == 0) { // renamed: a new legal form, or a typo fixed
                    LocalDate renamed = created.plusDays(1 + rnd.nextInt(120));
                    if (!renamed.isAfter(to)) {
                        d.name = company ? d.name.substring(0, d.name.lastIndexOf(' ')) + " "
                                + FORM[rnd.nextInt(FORM.length)] : d.name.toUpperCase();
                        writeDebtor(d, renamed, false);
                    }
                }
                if (i >= count && rnd.nextBoolean()) { // a customer keyed in by mistake, deleted later
                    LocalDate deleted = created.plusDays(1 + rnd.nextInt(60));
                    if (!deleted.isAfter(to)) {
                        writeDebtor(d, deleted, true);
                    }
                }
            }
        }

        private void writeDebtor(Debtor d, LocalDate day, boolean deleted) {
            String rut = new Rut(d.rutBody, Rut.checkDigitOf(d.rutBody)).compact();
            erp(day, d.ph, null, new DebtorChanged(client, d.ph, rut, d.name, deleted, 0));
        }

        private String companyName() {
            return FIRST[rnd.nextInt(FIRST.length)] + " " + SECOND[rnd.nextInt(SECOND.length)] + " "
                    + FORM[rnd.nextInt(FORM.length)];
        }

        private String personName() {
            return GIVEN[rnd.nextInt(GIVEN.length)] + " " + SURNAME[rnd.nextInt(SURNAME.length)] + " "
                    + SURNAME[rnd.nextInt(SURNAME.length)];
        }

        /** A debtor existing on {@code day}; a few big customers get most of the invoices. */
        private Debtor debtorOn(LocalDate day) {
            List<Debtor> existing = new ArrayList<>();
            for (Debtor d : debtors) {
                if (!d.created.isAfter(day)) {
                    existing.add(d);
                }
            }
            double u = rnd.nextDouble();
            return existing.get((int) (u * u * existing.size()));
        }

        // --- invoices

        private void invoiceLife(LocalDate issue) {
            int dice = rnd.nextInt(100);
            int dte = dice < 85 ? 33 : dice < 95 ? 34 : 56;
            LocalDate dueDate = rnd.nextInt(5) == 0 ? null : issue.plusDays(terms());
            Invoice inv = new Invoice(next("i"), debtorOn(issue), dte, issue, dueDate, total());
            invoices.add(inv);
            LocalDate keyed = rnd.nextInt(10) == 0 ? issue.plusDays(1 + rnd.nextInt(5)) : issue;
            writeInvoice(inv, keyed, false);
            LocalDate lastChange = keyed;

            if (rnd.nextInt(100) < 4) { // voided before anything else happened to it
                LocalDate voided = keyed.plusDays(rnd.nextInt(11));
                if (!voided.isAfter(to)) {
                    inv.voided = true;
                    writeInvoice(inv, voided, true);
                    return;
                }
            }
            if (rnd.nextInt(100) < 10) { // amount corrected, sometimes with a new due date
                LocalDate corrected = keyed.plusDays(1 + rnd.nextInt(12));
                if (!corrected.isAfter(to)) {
                    long newTotal;
                    do {
                        newTotal = clamp(Math.round(inv.total * (0.8 + rnd.nextDouble() * 0.4)));
                    } while (newTotal == inv.total);
                    inv.total = newTotal;
                    if (rnd.nextInt(3) == 0) {
                        inv.dueDate = rnd.nextBoolean() ? null : issue.plusDays(terms());
                    }
                    writeInvoice(inv, corrected, false);
                    lastChange = corrected;
                }
            }
            int notes = rnd.nextInt(100);
            if (notes < 5) { // cancelled in full by a credit note (reason 1): nothing more happens
                LocalDate day = max(lastChange, issue.plusDays(1 + rnd.nextInt(25)));
                if (!day.isAfter(to)) {
                    creditNote(inv, day, inv.total);
                    return;
                }
            } else if (notes < 17) { // a partial credit note (reason 3): returned goods, a discount
                LocalDate day = max(lastChange, issue.plusDays(1 + rnd.nextInt(45)));
                if (!day.isAfter(to)) {
                    Fact note = creditNote(inv, day, Math.max(1_000, Math.round(inv.total * (0.05 + rnd.nextDouble() * 0.25))));
                    if (rnd.nextInt(12) == 0) { // keyed against the wrong invoice or twice: deleted
                        LocalDate deleted = day.plusDays(1 + rnd.nextInt(20));
                        if (!deleted.isAfter(to)) {
                            note.live = false;
                            note.versions++;
                            erp(deleted, note.ph, null, note.event(client, true));
                        }
                    }
                }
            }
            payments(inv);
            collection(inv);
        }

        private int terms() {
            int[] usual = {0, 7, 15, 30, 30, 30, 30, 45, 60, 60};
            return rnd.nextInt(4) == 0 ? rnd.nextInt(61) : usual[rnd.nextInt(usual.length)];
        }

        /** Log-uniform between $50.000 and $5.000.000: many small invoices, a few large ones. */
        private long total() {
            return clamp(Math.round(Math.exp(Math.log(50_000) + rnd.nextDouble() * Math.log(100))));
        }

        private static long clamp(long clp) {
            return Math.max(50_000, Math.min(5_000_000, clp));
        }

        private void writeInvoice(Invoice inv, LocalDate day, boolean deleted) {
            erp(day, inv.ph, inv.debtor.ph, new InvoiceChanged(client, inv.ph, inv.debtor.ph, inv.dte, 0, inv.issue,
                    inv.dueDate, inv.total, deleted, 0));
        }

        private Fact creditNote(Invoice inv, LocalDate day, long amount) {
            Fact note = new Fact(next("n"), false, inv.ph, day, amount);
            inv.facts.add(note);
            erp(day, note.ph, inv.ph, note.event(client, false));
            return note;
        }

        // --- payments

        private void payments(Invoice inv) {
            LocalDate due = inv.due();
            long open = inv.open(to.plusYears(10));
            int profile = rnd.nextInt(100);
            if (profile < 45) { // pays on time, now and then in two parts or a little too much
                long days = Math.max(0, ChronoUnit.DAYS.between(inv.issue, due));
                LocalDate paid = inv.issue.plusDays((long) (rnd.nextDouble() * (days + 1)));
                if (rnd.nextInt(7) == 0 && days > 2) {
                    long first = roundTo(open * (30 + rnd.nextInt(41)) / 100);
                    LocalDate firstDay = inv.issue.plusDays(rnd.nextInt((int) Math.min(days, 20) + 1));
                    pay(inv, firstDay, first);
                    pay(inv, max(firstDay, paid), open - first + overpayment());
                } else {
                    pay(inv, paid, open + overpayment());
                }
            } else if (profile < 80) { // pays late, sometimes an instalment first
                LocalDate payoff = due.plusDays(3 + rnd.nextInt(150));
                if (rnd.nextInt(5) < 2) {
                    long part = roundTo(open * (30 + rnd.nextInt(41)) / 100);
                    long gap = ChronoUnit.DAYS.between(due, payoff);
                    pay(inv, due.plusDays(1 + (long) (rnd.nextDouble() * Math.max(1, gap - 1))), part);
                    open -= part;
                }
                pay(inv, payoff, open + (rnd.nextInt(25) == 0 ? overpayment() : 0));
            } else if (profile < 89) { // pays part and never the rest
                pay(inv, inv.issue.plusDays(rnd.nextInt((int) ChronoUnit.DAYS.between(inv.issue, due) + 31)),
                        roundTo(open * (20 + rnd.nextInt(61)) / 100));
            }
            // else: never pays
        }

        private long overpayment() {
            return rnd.nextInt(15) == 0 ? 1_000L * (1 + rnd.nextInt(100)) : 0;
        }

        private static long roundTo(long clp) {
            return Math.max(1_000, clp / 1_000 * 1_000);
        }

        private void pay(Invoice inv, LocalDate paidOn, long amount) {
            if (paidOn.isAfter(to) || amount <= 0) {
                return;
            }
            Fact p = new Fact(next("p"), true, inv.ph, paidOn, amount);
            inv.facts.add(p);
            // keyed in when the bank statement is reconciled; now and then weeks later (backdated)
            int lag = rnd.nextInt(10) == 0 ? 7 + rnd.nextInt(39) : rnd.nextInt(2) == 0 ? 0 : 1 + rnd.nextInt(3);
            LocalDate keyed = paidOn.plusDays(lag);
            erp(keyed, p.ph, inv.ph, p.event(client, false));
            if (rnd.nextInt(20) == 0) { // a bounced cheque, a transfer recalled: reversed, often paid again
                LocalDate reversed = keyed.plusDays(1 + rnd.nextInt(20));
                if (!reversed.isAfter(to)) {
                    p.live = false;
                    p.versions++;
                    erp(reversed, p.ph, null, p.event(client, true));
                    if (rnd.nextInt(5) < 3) {
                        pay(inv, reversed.plusDays(2 + rnd.nextInt(19)), amount);
                    }
                }
            }
        }

        // --- collection work on the platform

        private void collection(Invoice inv) {
            LocalDate due = inv.due();
            LocalDate day = due.plusDays(1 + rnd.nextInt(5));
            boolean filed = false;
            for (int n = 0; n < 14 && !day.isAfter(to) && inv.open(day) > 0; n++) {
                long dpd = ChronoUnit.DAYS.between(due, day);
                Fact next = inv.nextPayment(day);
                boolean paysSoon = next != null && ChronoUnit.DAYS.between(day, next.date) <= 20;
                Channel channel = channel(dpd, filed);
                filed |= channel == Channel.LEGAL_FILING;
                Outcome outcome = outcome(channel, paysSoon);
                String action = next("a");
                LocalDate keyed = rnd.nextInt(5) == 0 ? day.plusDays(1 + rnd.nextInt(3)) : day;
                ActionRecorded recorded = new ActionRecorded(client, action, inv.ph, day, channel, outcome,
                        minutes(channel, outcome), false, 0);
                platform(keyed, action, inv.ph, recorded);
                if (outcome == Outcome.PROMISED_TO_PAY) {
                    promise(inv, day, keyed, next);
                }
                correctOrDelete(recorded, keyed);
                day = day.plusDays(dpd < 30 ? 3 + rnd.nextInt(6) : 5 + rnd.nextInt(11));
            }
        }

        private Channel channel(long dpd, boolean filed) {
            int r = rnd.nextInt(100);
            if (dpd <= 7) {
                return r < 40 ? Channel.EMAIL : r < 65 ? Channel.SMS : Channel.WHATSAPP;
            }
            if (dpd <= 30) {
                return r < 50 ? Channel.CALL : r < 75 ? Channel.WHATSAPP : r < 90 ? Channel.EMAIL : Channel.SMS;
            }
            if (dpd <= 60) {
                return r < 50 ? Channel.CALL : r < 70 ? Channel.LETTER : r < 85 ? Channel.VISIT : Channel.WHATSAPP;
            }
            if (r < 15 && dpd > 90 && !filed) {
                return Channel.LEGAL_FILING;
            }
            return r < 50 ? Channel.CALL : r < 75 ? Channel.VISIT : Channel.LETTER;
        }

        private Outcome outcome(Channel channel, boolean paysSoon) {
            int r = rnd.nextInt(100);
            switch (channel) {
                case EMAIL:
                case SMS:
                case LETTER:
                    return r < 85 ? Outcome.DELIVERED : Outcome.BOUNCED;
                case LEGAL_FILING:
                    return Outcome.DELIVERED;
                case WHATSAPP:
                    if (paysSoon && r < 30) {
                        return Outcome.PROMISED_TO_PAY;
                    }
                    return r < 60 ? Outcome.DELIVERED : r < 85 ? Outcome.CONTACTED : r < 92 ? Outcome.PROMISED_TO_PAY
                            : Outcome.BOUNCED;
                case VISIT:
                    if (paysSoon && r < 50) {
                        return Outcome.PROMISED_TO_PAY;
                    }
                    return r < 30 ? Outcome.CONTACTED : r < 50 ? Outcome.PROMISED_TO_PAY : r < 70 ? Outcome.NO_ANSWER
                            : r < 80 ? Outcome.REFUSED : r < 92 ? Outcome.DISPUTED : Outcome.WRONG_PARTY;
                default: // CALL
                    if (paysSoon && r < 45) {
                        return Outcome.PROMISED_TO_PAY;
                    }
                    return r < 30 ? Outcome.NO_ANSWER : r < 45 ? Outcome.MESSAGE_LEFT : r < 52 ? Outcome.WRONG_PARTY
                            : r < 72 ? Outcome.CONTACTED : r < 86 ? Outcome.PROMISED_TO_PAY : r < 93 ? Outcome.DISPUTED
                            : Outcome.REFUSED;
            }
        }

        private int minutes(Channel channel, Outcome outcome) {
            switch (channel) {
                case CALL:
                    if (outcome == Outcome.NO_ANSWER) {
                        return rnd.nextInt(2);
                    }
                    return outcome == Outcome.MESSAGE_LEFT || outcome == Outcome.WRONG_PARTY
                            ? 1 + rnd.nextInt(3) : 2 + rnd.nextInt(29);
                case VISIT:
                    return 20 + rnd.nextInt(101);
                case LEGAL_FILING:
                    return 30 + rnd.nextInt(211);
                case LETTER:
                    return rnd.nextInt(11);
                default: // email, SMS, WhatsApp: 0 when sent by a campaign
                    return rnd.nextBoolean() ? 0 : 1 + rnd.nextInt(5);
            }
        }

        /**
         * A promise made during an action on {@code madeOn}. When the debtor will pay soon, the promise is
         * aimed at that payment so that it ends up kept, kept within the grace days, or broken; otherwise broken.
         */
        private void promise(Invoice inv, LocalDate madeOn, LocalDate keyed, Fact next) {
            long open = inv.open(madeOn);
            long amount = rnd.nextInt(10) < 7 ? open : Math.min(open, roundTo(open * (30 + rnd.nextInt(41)) / 100));
            LocalDate promised = madeOn.plusDays(2 + rnd.nextInt(13));
            if (next != null && ChronoUnit.DAYS.between(madeOn, next.date) <= 30) {
                long until = ChronoUnit.DAYS.between(madeOn, next.date);
                int kind = rnd.nextInt(100);
                amount = Math.min(amount, next.amount);
                if (kind < 25 && until >= PROMISE_GRACE_DAYS + 2) { // broken: the money comes after the grace
                    promised = madeOn.plusDays(rnd.nextInt((int) (until - PROMISE_GRACE_DAYS)));
                } else if (kind < 45 && until >= 1) { // kept within grace: paid a few days after the date
                    promised = next.date.minusDays(1 + rnd.nextInt((int) Math.min(PROMISE_GRACE_DAYS, until)));
                } else { // kept
                    promised = next.date.plusDays(rnd.nextInt(4));
                }
            }
            String ph = next("q");
            PromiseChanged made = new PromiseChanged(client, ph, inv.ph, madeOn, promised, amount, false, 0);
            platform(keyed, ph, inv.ph, made);
            int fate = rnd.nextInt(100);
            if (fate < 8) { // renegotiated after the date passed: a later date
                LocalDate changed = max(keyed, promised).plusDays(1 + rnd.nextInt(3));
                if (!changed.isAfter(to)) {
                    platform(changed, ph, null, new PromiseChanged(client, ph, inv.ph, madeOn,
                            promised.plusDays(5 + rnd.nextInt(11)), amount, false, 0));
                }
            } else if (fate < 12) { // recorded against the wrong invoice or by mistake: deleted
                LocalDate deleted = keyed.plusDays(rnd.nextInt(10));
                if (!deleted.isAfter(to)) {
                    platform(deleted, ph, null, new PromiseChanged(client, ph, inv.ph, madeOn, promised, amount, true, 0));
                }
            }
        }

        /** Now and then an action's outcome is corrected by a supervisor, or the action deleted as a mistake. */
        private void correctOrDelete(ActionRecorded a, LocalDate keyed) {
            int r = rnd.nextInt(100);
            LocalDate changed = keyed.plusDays(rnd.nextInt(6));
            if (changed.isAfter(to) || r >= 7) {
                return;
            }
            if (r < 3) { // deleted: the delete carries the row as it stood
                platform(changed, a.actionId(), null, new ActionRecorded(client, a.actionId(), a.invoiceId(),
                        a.actionDate(), a.channel(), a.outcome(), a.agentMinutes(), true, 0));
                return;
            }
            Outcome corrected = corrected(a.channel(), a.outcome());
            if (corrected != null) {
                platform(changed, a.actionId(), null, new ActionRecorded(client, a.actionId(), a.invoiceId(),
                        a.actionDate(), a.channel(), corrected, minutes(a.channel(), corrected), false, 0));
            }
        }

        /** A plausible correction of an outcome on the same channel, or null when there is none. */
        private static Outcome corrected(Channel channel, Outcome outcome) {
            switch (channel) {
                case CALL:
                    return outcome == Outcome.NO_ANSWER ? Outcome.MESSAGE_LEFT : Outcome.NO_ANSWER;
                case VISIT:
                    return outcome == Outcome.NO_ANSWER ? Outcome.CONTACTED : Outcome.NO_ANSWER;
                case LEGAL_FILING:
                    return null;
                default: // email, SMS, WhatsApp, letter
                    return outcome == Outcome.BOUNCED ? Outcome.DELIVERED : Outcome.BOUNCED;
            }
        }

        // --- payments and credit notes moved to another invoice

        private void moves() {
            for (Invoice inv : List.copyOf(invoices)) {
                for (Fact f : List.copyOf(inv.facts)) {
                    if (!f.live || f.versions > 1 || rnd.nextInt(100) >= (f.payment ? 3 : 12)) {
                        continue;
                    }
                    Invoice target = moveTarget(inv, f);
                    LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(lastAt.get(f.ph), DAY_SECONDS))
                            .plusDays(1 + rnd.nextInt(30));
                    if (target == null || day.isAfter(to)) {
                        continue;
                    }
                    CanonicalEvent retraction = f.event(client, true);
                    f.invoice = target.ph;
                    f.versions++;
                    inv.facts.remove(f);
                    target.facts.add(f);
                    erp(day, f.ph, target.ph, retraction, f.event(client, false));
                }
            }
        }

        /** Another live invoice of the same debtor (else of anyone) issued on or before the fact's date. */
        private Invoice moveTarget(Invoice from, Fact f) {
            Invoice sameDebtor = null;
            Invoice any = null;
            for (Invoice i : invoices) {
                if (i == from || i.voided || i.issue.isAfter(f.date)) {
                    continue;
                }
                if (i.debtor == from.debtor && (sameDebtor == null || rnd.nextBoolean())) {
                    sameDebtor = i;
                }
                if (any == null || rnd.nextInt(4) == 0) {
                    any = i;
                }
            }
            return sameDebtor != null ? sameDebtor : any;
        }

        // --- writes

        private String next(String table) {
            int n = counters.merge(table, 1, Integer::sum);
            return table + n;
        }

        private void erp(LocalDate day, String row, String parent, CanonicalEvent... events) {
            write(client, day, row, parent, events);
        }

        private void platform(LocalDate day, String row, String invoice, CanonicalEvent... events) {
            write(PLATFORM, day, row, invoice, events);
        }

        /**
         * Records a row change on {@code day} at an office-hours second, after the row's previous version and
         * after the first write of the row it refers to (an invoice before its payments, a debtor before its
         * invoices), so that source order never shows a child before its parent or a version before its past.
         */
        private void write(String source, LocalDate day, String row, String parent, CanonicalEvent... events) {
            long at = day.toEpochDay() * DAY_SECONDS + 8 * 3_600 + rnd.nextInt(12 * 3_600);
            Long last = lastAt.get(row);
            if (last != null) {
                at = Math.max(at, last + 1 + rnd.nextInt(600));
            }
            Long parentAt = parent == null ? null : firstAt.get(parent);
            if (parentAt != null) {
                at = Math.max(at, parentAt + 60 + rnd.nextInt(3_600));
            }
            lastAt.put(row, at);
            firstAt.putIfAbsent(row, at);
            writes.add(new Write(source, at, seq[0]++, List.of(events)));
        }

        private static LocalDate max(LocalDate a, LocalDate b) {
            return a.isAfter(b) ? a : b;
        }
    }
}
