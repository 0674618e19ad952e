package cl.cobranza.connectors.demo;

import cl.cobranza.core.money.Iva;
import cl.cobranza.core.rut.Rut;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import static cl.cobranza.connectors.demo.DemoRandom.mix;

/**
 * One client's live changes, each dated today (or, as clerks do, registered a few days late): invoices issued,
 * payments the debtors' behaviours make due today ({@link InvoiceFate}, {@link PromiseFate}), credit notes on
 * disputed invoices, a cheque bouncing, an amount corrected, a mistaken invoice voided, a collector's action.
 * Reads the state from the databases on every change, so it continues whatever history the databases hold.
 */
final class LiveClient {
    /** Registering a payment with its real, earlier date: at most this many days back. */
    static final int MAX_BACKDATE_DAYS = 15;
    /** Cheques bounce within a few days of being deposited. */
    static final int BOUNCE_WITHIN_DAYS = 4;
    private static final String OPEN_INVOICES = "SELECT i.id, i.customer_id, i.dte_type, i.folio, i.issue_date,"
            + " i.due_date, i.total_clp, coalesce(n.amount, 0), coalesce(n.notes, 0), coalesce(p.amount, 0),"
            + " p.bounced_id, p.bounced_on"
            + " FROM invoices i"
            + " LEFT JOIN (SELECT invoice_id, sum(amount_clp) AS amount, count(*) AS notes FROM credit_notes"
            + "   GROUP BY invoice_id) n ON n.invoice_id = i.id"
            + " LEFT JOIN (SELECT invoice_id, sum(amount_clp) FILTER (WHERE NOT reversed) AS amount,"
            + "   max(id) FILTER (WHERE reversed) AS bounced_id, max(paid_on) FILTER (WHERE reversed) AS bounced_on"
            + "   FROM payments GROUP BY invoice_id) p ON p.invoice_id = i.id"
            + " WHERE i.total_clp - coalesce(n.amount, 0) - coalesce(p.amount, 0) > 0 ORDER BY i.id";

    /** An invoice with an open balance, as the ERP holds it now; {@code bouncedOn}: its latest bounced cheque, or null. */
    record Open(long id, long customer, int dte, long folio, LocalDate issued, LocalDate due, long total,
                long credited, int notes, long paid, long bouncedId, LocalDate bouncedOn) {
        long open() {
            return total - credited - paid;
        }

        LocalDate effectiveDue() {
            return InvoiceFate.effectiveDue(issued, due);
        }
    }

    /** A promise to pay on an invoice, as the platform holds it. */
    record Promised(LocalDate madeOn, LocalDate promisedOn, long amountClp) {
    }

    /**
     * A payment or credit note the behaviours make due: on which invoice, how much, planned for when; an
     * {@code exact} one is dated on its planned day however late it is registered (a promise's payment must fall in
     * the promise's window, or the promise would read as broken).
     */
    private record Due(Open invoice, boolean creditNote, long amountClp, String method, LocalDate plannedOn, int reason,
                       boolean exact) {
    }

    /** Where the platform database's connection comes from (opened lazily by the generator). */
    interface PlatformConnection {
        Connection get() throws SQLException;
    }

    private final DemoClient client;
    private final long clientSeed;
    private final Connection erp;
    private final PlatformConnection platform;
    private final Clock clock;
    private final Map<Long, DebtorProfile> profiles = new LinkedHashMap<>();
    private final Map<Long, Boolean> emails = new HashMap<>();
    private final Map<Long, Long> invoiceCustomers = new HashMap<>();
    private LocalDate caughtUpOn;

    LiveClient(DemoClient client, long clientSeed, Connection erp, PlatformConnection platform, Clock clock) {
        this.client = client;
        this.clientSeed = clientSeed;
        this.erp = erp;
        this.platform = platform;
        this.clock = clock;
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The profile of a customer, reading the table again once for a customer not seen before (or null). */
    private DebtorProfile profileOf(long customer) throws SQLException {
        DebtorProfile p = profiles().get(customer);
        if (p == null) {
            profiles.clear();
            p = profiles().get(customer);
        }
        return p;
    }

    /** The profiles of every customer; a customer without one (added outside the generator) gets one drawn now. */
    private Map<Long, DebtorProfile> profiles() throws SQLException {
        if (!profiles.isEmpty()) {
            return profiles;
        }
        Map<Long, DebtorProfile> known = DemoBehaviours.read(erp);
        List<Long> missing = new ArrayList<>();
        try (Statement s = erp.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, email IS NOT NULL, rut FROM customers ORDER BY id")) {
            while (rs.next()) {
                long id = rs.getLong(1);
                emails.put(id, rs.getBoolean(2));
                DebtorProfile p = known.get(id);
                if (p == null) {
                    missing.add(id);
                    SplittableRandom r = new SplittableRandom(mix(clientSeed, id, 5));
                    DebtorBehaviour b = DebtorBehaviour.values()[DemoRandom.weighted(r, DebtorBehaviour.MIX)];
                    boolean person = isPersonRut(rs.getString(3));
                    DebtorProfile.Size size = person ? DebtorProfile.Size.PERSONA
                            : DebtorProfile.Size.values()[1 + DemoRandom.weighted(r, 0.25, 0.30, 0.18, 0.07)];
                    p = DebtorProfile.draw(b, size, mix(clientSeed, id, 6), today());
                }
                profiles.put(id, p);
            }
        }
        if (!missing.isEmpty()) {
            long[] ids = missing.stream().mapToLong(Long::longValue).toArray();
            List<DebtorProfile> ps = new ArrayList<>();
            for (long id : ids) {
                ps.add(profiles.get(id));
            }
            DemoBehaviours.insert(erp, ids, ps);
        }
        return profiles;
    }

    private static boolean isPersonRut(String rut) {
        try {
            return Rut.parse(rut).body() < 50_000_000;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private List<Open> openInvoices() throws SQLException {
        List<Open> out = new ArrayList<>();
        try (Statement s = erp.createStatement(); ResultSet rs = s.executeQuery(OPEN_INVOICES)) {
            while (rs.next()) {
                Date due = rs.getDate(6);
                Date bounced = rs.getDate(12);
                out.add(new Open(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getLong(4), rs.getDate(5).toLocalDate(),
                        due == null ? null : due.toLocalDate(), rs.getLong(7), rs.getLong(8), rs.getInt(9), rs.getLong(10),
                        rs.getLong(11), bounced == null ? null : bounced.toLocalDate()));
            }
        }
        return out;
    }

    /** Every promise on each invoice of the client, oldest first. */
    private Map<Long, List<Promised>> promisesByInvoice() throws SQLException {
        Map<Long, List<Promised>> out = new HashMap<>();
        try (PreparedStatement ps = platform.get().prepareStatement("SELECT invoice_id, made_on, promised_date, amount_clp"
                + " FROM collections.promises WHERE client_id = ? ORDER BY made_on, id")) {
            ps.setString(1, client.clientId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Long invoice = parseId(rs.getString(1));
                    if (invoice != null) {
                        out.computeIfAbsent(invoice, k -> new ArrayList<>()).add(new Promised(rs.getDate(2).toLocalDate(),
                                rs.getDate(3).toLocalDate(), rs.getBigDecimal(4).longValue()));
                    }
                }
            }
        }
        return out;
    }

    private static Promised latest(List<Promised> promises) {
        return promises == null ? null : promises.get(promises.size() - 1);
    }

    /** Payments on each invoice within its latest promise's window: from the day it was made to the promised date + grace. */
    private Map<Long, Long> paidInPromiseWindow(Map<Long, List<Promised>> promises, Set<Long> open) throws SQLException {
        List<Long> ids = new ArrayList<>();
        for (Long invoice : promises.keySet()) {
            if (open.contains(invoice)) {
                ids.add(invoice);
            }
        }
        Map<Long, Long> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = erp.prepareStatement("SELECT invoice_id, paid_on, amount_clp FROM payments"
                + " WHERE NOT reversed AND invoice_id = ANY (?)")) {
            Array array = erp.createArrayOf("bigint", ids.toArray());
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long invoice = rs.getLong(1);
                    Promised q = latest(promises.get(invoice));
                    LocalDate on = rs.getDate(2).toLocalDate();
                    if (!on.isBefore(q.madeOn()) && !on.isAfter(q.promisedOn().plusDays(PromiseFate.GRACE_DAYS))) {
                        out.merge(invoice, rs.getLong(3), Long::sum);
                    }
                }
            }
        }
        return out;
    }

    /** Everything the behaviours make due by today and not yet in the ERP. */
    private List<Due> dues(List<Open> open) throws SQLException {
        LocalDate today = today();
        Map<Long, List<Promised>> promises = promisesByInvoice();
        Set<Long> openIds = new HashSet<>();
        open.forEach(inv -> openIds.add(inv.id()));
        Map<Long, Long> inWindow = paidInPromiseWindow(promises, openIds);
        List<Due> out = new ArrayList<>();
        for (Open inv : open) {
            DebtorProfile p = profileOf(inv.customer());
            if (p == null) {
                continue;
            }
            InvoiceFate fate = InvoiceFate.of(p, inv.dte(), inv.folio(), inv.issued(), inv.due(), inv.total());
            InvoiceFate.PlannedCreditNote note = fate.creditNote();
            if (note != null && inv.notes() == 0 && !note.on().isAfter(today)) {
                // the credit note first, as in the seeded history: paying the balance first would leave it nothing
                out.add(new Due(inv, true, Math.min(note.amountClp(), inv.open()), null, note.on(), note.reason(), false));
                continue;
            }
            Promised promise = latest(promises.get(inv.id()));
            PromiseFate pf = null;
            if (promise != null) {
                pf = PromiseFate.of(p, inv.dte(), inv.folio(), promise.madeOn(), promise.promisedOn());
                long paid = inWindow.getOrDefault(inv.id(), 0L);
                // a kept promise is paid on its day, even when that day went by while the generator was not running
                if (pf.kept() && !pf.paysOn().isAfter(today) && promise.amountClp() > paid) {
                    out.add(new Due(inv, false, Math.min(promise.amountClp() - paid, inv.open()), "transferencia",
                            pf.paysOn(), 0, true));
                    continue;
                }
                if (!pf.kept() && !promise.promisedOn().isAfter(today) && paid == 0 && pf.tokenClp(promise.amountClp()) > 0) {
                    out.add(new Due(inv, false, Math.min(pf.tokenClp(promise.amountClp()), inv.open()), "transferencia",
                            promise.promisedOn(), 0, true));
                }
            }
            if (pf == null || !pf.holds(promise.madeOn(), today)) {
                long base = Math.max(0, inv.total() - inv.credited());
                long amount = Math.min(fate.paidTarget(today, base) - inv.paid(), inv.open());
                if (amount > 0) {
                    InvoiceFate.Instalment due = fate.dueInstalment(today);
                    // not before the collector last heard a promise on it: the debt was open that day
                    LocalDate planned = promise != null && due.on().isBefore(promise.madeOn()) ? promise.madeOn() : due.on();
                    if (inv.bouncedOn() != null) {
                        // a bounced cheque is replaced 5 to 20 days later, as in the seeded history
                        LocalDate replaced = inv.bouncedOn().plusDays(5 + new SplittableRandom(
                                mix(p.seed(), inv.bouncedId(), 19)).nextInt(16));
                        planned = max(planned, replaced);
                    }
                    planned = afterHolds(p, inv, promises.get(inv.id()), planned);
                    if (!planned.isAfter(today)) {
                        out.add(new Due(inv, false, amount, due.method(), planned, 0, false));
                    }
                }
            }
        }
        return out;
    }

    /**
     * The day a planned payment is actually made: a broken promise holds the debtor's plan from the day it was made
     * until the debtor resumes or the next promise is made (as in the seeded history), so a payment planned inside
     * such a hold moves to its end and never lands in the broken promise's window.
     */
    private static LocalDate afterHolds(DebtorProfile p, Open inv, List<Promised> promises, LocalDate planned) {
        if (promises == null) {
            return planned;
        }
        for (int k = 0; k < promises.size(); k++) {
            Promised q = promises.get(k);
            PromiseFate f = PromiseFate.of(p, inv.dte(), inv.folio(), q.madeOn(), q.promisedOn());
            if (f.kept()) {
                continue;
            }
            LocalDate end = f.resumesOn();
            if (k + 1 < promises.size() && promises.get(k + 1).madeOn().isBefore(end)) {
                end = promises.get(k + 1).madeOn();
            }
            if (!planned.isBefore(q.madeOn()) && planned.isBefore(end)) {
                planned = end;
            }
        }
        return planned;
    }

    /**
     * Pays (or credits) one thing the behaviours make due. Dated today when it is due today; something due on an
     * earlier day (the generator was not running, or did not get to it) is registered late with its own date, up to
     * {@value #MAX_BACKDATE_DAYS} days back, as clerks do; older than that, today (a promise's payment: always its own day).
     */
    boolean settle(RandomGenerator r) throws SQLException {
        return settle(r, false);
    }

    /**
     * Registers one thing the behaviours made due on an earlier day, if any: after a pause the clerks catch up
     * before anything else happens, so that no collector works an invoice whose payment is only waiting to be typed.
     */
    boolean catchUp(RandomGenerator r) throws SQLException {
        LocalDate today = today();
        if (today.equals(caughtUpOn)) {
            return false; // nothing was left over this morning; what comes due later today, settle() pays
        }
        if (settle(r, true)) {
            return true;
        }
        caughtUpOn = today;
        return false;
    }

    private boolean settle(RandomGenerator r, boolean backlogOnly) throws SQLException {
        LocalDate today = today();
        List<Due> dues = dues(openInvoices());
        dues.removeIf(d -> d.amountClp() <= 0 || (backlogOnly && !d.plannedOn().isBefore(today)));
        if (dues.isEmpty()) {
            return false;
        }
        Due d = dues.get(r.nextInt(dues.size()));
        LocalDate on = !d.exact() && d.plannedOn().isBefore(today.minusDays(MAX_BACKDATE_DAYS)) ? today
                : max(d.plannedOn(), d.invoice().issued());
        if (on.isAfter(today)) {
            on = today;
        }
        if (d.creditNote()) {
            try (PreparedStatement ps = erp.prepareStatement("INSERT INTO credit_notes (folio, invoice_id, issue_date,"
                    + " amount_clp, reason_code) VALUES ((SELECT coalesce(max(folio), 5000) + 1 FROM credit_notes), ?, ?, ?, ?)")) {
                ps.setLong(1, d.invoice().id());
                ps.setDate(2, Date.valueOf(on));
                ps.setLong(3, d.amountClp());
                ps.setInt(4, d.reason());
                ps.executeUpdate();
            }
        } else {
            try (PreparedStatement ps = erp.prepareStatement(
                    "INSERT INTO payments (invoice_id, paid_on, amount_clp, method) VALUES (?, ?, ?, ?)")) {
                ps.setLong(1, d.invoice().id());
                ps.setDate(2, Date.valueOf(on));
                ps.setLong(3, d.amountClp());
                ps.setString(4, d.method());
                ps.executeUpdate();
            }
        }
        return true;
    }

    /** A new invoice for a customer chosen by purchase frequency (no more credit for a defaulter a month on). */
    boolean newInvoice(RandomGenerator r) throws SQLException {
        LocalDate today = today();
        List<Long> ids = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (Map.Entry<Long, DebtorProfile> e : profiles().entrySet()) {
            DebtorProfile p = e.getValue();
            if (p.defaultsOn() == null || !today.isAfter(p.defaultsOn().plusDays(30))) {
                ids.add(e.getKey());
                weights.add(p.activity());
            }
        }
        if (ids.isEmpty()) {
            return false;
        }
        int k = DemoRandom.weighted(r, weights.stream().mapToDouble(Double::doubleValue).toArray());
        DebtorProfile p = profiles.get(ids.get(k));
        int dte = r.nextInt(100) < 4 ? 56 : r.nextDouble() < p.exemptShare() ? 34 : 33;
        LocalDate issued = r.nextInt(100) < 85 ? today : today.minusDays(1 + r.nextInt(3)); // typed in a few days late
        LocalDate due = r.nextInt(100) < 8 ? null : issued.plusDays(p.termsDays());
        try (PreparedStatement ps = erp.prepareStatement("INSERT INTO invoices (dte_type, folio, customer_id, issue_date,"
                + " due_date, total_clp) VALUES (?, (SELECT coalesce(max(folio), 1000) + 1 FROM invoices WHERE dte_type = ?),"
                + " ?, ?, ?, ?)")) {
            ps.setInt(1, dte);
            ps.setInt(2, dte);
            ps.setLong(3, ids.get(k));
            ps.setDate(4, Date.valueOf(issued));
            if (due == null) {
                ps.setNull(5, Types.DATE);
            } else {
                ps.setDate(5, Date.valueOf(due));
            }
            ps.setLong(6, DemoHistory.amount(p, dte, r));
            ps.executeUpdate();
        }
        return true;
    }

    /**
     * A cheque of the last {@value #BOUNCE_WITHIN_DAYS} days bounces (protestado) and is reversed; whether a cheque
     * bounces is drawn per cheque from the debtor's bounce probability. The debtor replaces it later ({@link #dues}).
     */
    boolean bounceCheque(RandomGenerator r) throws SQLException {
        List<Long> bouncing = new ArrayList<>();
        try (PreparedStatement st = erp.prepareStatement("SELECT p.id, i.customer_id FROM payments p"
                + " JOIN invoices i ON i.id = p.invoice_id WHERE NOT p.reversed AND p.method = 'cheque' AND p.paid_on >= ?"
                + " ORDER BY p.id")) {
            st.setDate(1, Date.valueOf(today().minusDays(BOUNCE_WITHIN_DAYS)));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    DebtorProfile p = profiles().get(rs.getLong(2));
                    // about one payment in six is a cheque: per cheque, the chance is the debtor's per payment × 6
                    if (p != null && new SplittableRandom(mix(p.seed(), rs.getLong(1), 17)).nextDouble()
                            < Math.min(1, p.bounceProbability() * 6)) {
                        bouncing.add(rs.getLong(1));
                    }
                }
            }
        }
        if (bouncing.isEmpty()) {
            return false;
        }
        try (PreparedStatement st = erp.prepareStatement("UPDATE payments SET reversed = true WHERE id = ?")) {
            st.setLong(1, bouncing.get(r.nextInt(bouncing.size())));
            st.executeUpdate();
        }
        return true;
    }

    /** A recent unpaid invoice whose amount the clerk corrects (one in twenty); a DTE 33 keeps total = net + IVA. */
    boolean correctAmount(RandomGenerator r) throws SQLException {
        List<Open> candidates = recentUntouched(10, 11, 5);
        if (candidates.isEmpty()) {
            return false;
        }
        Open inv = candidates.get(r.nextInt(candidates.size()));
        double factor = (90 + r.nextInt(21)) / 100.0;
        long total;
        if (inv.dte() == 34) {
            total = Math.max(1000, Math.round(inv.total() * factor));
        } else {
            long net = Iva.netOf(inv.total()).orElse(Math.round(inv.total() / 1.19));
            total = Iva.totalOf(Math.max(1000, Math.round(net * factor)));
        }
        try (PreparedStatement ps = erp.prepareStatement("UPDATE invoices SET total_clp = ? WHERE id = ?")) {
            ps.setLong(1, total);
            ps.setLong(2, inv.id());
            ps.executeUpdate();
        }
        return true;
    }

    /** An invoice typed by mistake (one in fifty of the last three days' untouched ones) is deleted. */
    boolean voidInvoice(RandomGenerator r) throws SQLException {
        List<Open> candidates = recentUntouched(3, 13, 2);
        if (candidates.isEmpty()) {
            return false;
        }
        try (PreparedStatement ps = erp.prepareStatement("DELETE FROM invoices WHERE id = ?")) {
            ps.setLong(1, candidates.get(r.nextInt(candidates.size())).id());
            ps.executeUpdate();
        }
        return true;
    }

    /** Invoices issued in the last {@code days} days with no payment or credit note, {@code percent} % of them by id. */
    private List<Open> recentUntouched(int days, long salt, int percent) throws SQLException {
        LocalDate since = today().minusDays(days);
        List<Open> out = new ArrayList<>();
        for (Open inv : openInvoices()) {
            if (!inv.issued().isBefore(since) && inv.paid() == 0 && inv.notes() == 0
                    && Math.floorMod(mix(clientSeed, inv.id(), salt), 100L) < percent) {
                out.add(inv);
            }
        }
        return out;
    }

    /** A collector works one debtor with overdue invoices whose contact limits allow it today; false when none. */
    boolean collect(RandomGenerator r) throws SQLException {
        LocalDate today = today();
        if (!DemoCalendar.isCollectionDay(today)) {
            return false;
        }
        Map<Long, List<Promised>> promises = promisesByInvoice();
        Map<Long, Collector.Contacts> contacts = new HashMap<>();
        Set<Long> disputeKnown = new HashSet<>();
        try (PreparedStatement st = platform.get().prepareStatement("SELECT invoice_id, action_date, channel, outcome"
                + " FROM collections.collection_actions WHERE client_id = ?"
                + " AND (action_date >= ? OR channel = 'LEGAL_FILING' OR outcome = 'DISPUTED') ORDER BY action_date, id")) {
            st.setString(1, client.clientId());
            st.setDate(2, Date.valueOf(today.minusDays(35)));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Long invoice = parseId(rs.getString(1));
                    Long customer = invoice == null ? null : customerOf(invoice);
                    if (customer == null) {
                        continue;
                    }
                    if ("DISPUTED".equals(rs.getString(4))) {
                        disputeKnown.add(invoice);
                    }
                    LocalDate on = rs.getDate(2).toLocalDate();
                    contacts.put(customer, contacts.getOrDefault(customer, Collector.Contacts.NONE).after(rs.getString(3), on));
                }
            }
        }
        try (Statement st = erp.createStatement(); ResultSet rs = st.executeQuery("SELECT i.customer_id, max(p.paid_on)"
                + " FROM payments p JOIN invoices i ON i.id = p.invoice_id WHERE NOT p.reversed GROUP BY i.customer_id")) {
            while (rs.next()) {
                long customer = rs.getLong(1);
                contacts.put(customer, contacts.getOrDefault(customer, Collector.Contacts.NONE)
                        .paid(rs.getDate(2).toLocalDate()));
            }
        }
        Map<Long, List<Collector.Overdue>> workable = new LinkedHashMap<>();
        Map<Integer, Open> byIndex = new HashMap<>();
        for (Open inv : openInvoices()) {
            DebtorProfile p = profileOf(inv.customer());
            LocalDate due = inv.effectiveDue();
            if (p == null || !due.isBefore(today)) {
                continue;
            }
            InvoiceFate fate = InvoiceFate.of(p, inv.dte(), inv.folio(), inv.issued(), inv.due(), inv.total());
            Promised promise = latest(promises.get(inv.id()));
            if ((disputeKnown.contains(inv.id()) && fate.contested(today))
                    || (promise != null && !today.isAfter(promise.promisedOn().plusDays(PromiseFate.GRACE_DAYS)))) {
                continue;
            }
            InvoiceFate.Instalment next = fate.nextInstalment(today.minusDays(1));
            byIndex.put(byIndex.size(), inv);
            workable.computeIfAbsent(inv.customer(), k -> new ArrayList<>()).add(new Collector.Overdue(byIndex.size() - 1,
                    today.toEpochDay() - due.toEpochDay(), inv.open(), fate.contested(today), next == null ? null : next.on()));
        }
        List<Long> debtors = new ArrayList<>(workable.keySet());
        for (int i = debtors.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            Long t = debtors.get(i);
            debtors.set(i, debtors.get(j));
            debtors.set(j, t);
        }
        for (Long debtor : debtors) {
            DebtorProfile p = profileOf(debtor);
            Collector.Decision a = Collector.decide(p, emails.getOrDefault(debtor, false), workable.get(debtor),
                    contacts.getOrDefault(debtor, Collector.Contacts.NONE), today, 1.0, r);
            if (a != null) {
                record(a, byIndex.get(a.target().invoice()).id(), Collector.agentOf(p), today);
                return true;
            }
        }
        return false;
    }

    private void record(Collector.Decision a, long invoiceId, String agent, LocalDate today) throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(clock);
        try (PreparedStatement ps = platform.get().prepareStatement("INSERT INTO collections.collection_actions"
                + " (client_id, invoice_id, action_date, channel, outcome, agent_minutes, notes, recorded_by, recorded_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, client.clientId());
            ps.setString(2, Long.toString(invoiceId));
            ps.setDate(3, Date.valueOf(today));
            ps.setString(4, a.channel());
            ps.setString(5, a.outcome());
            ps.setInt(6, a.minutes());
            ps.setString(7, a.notes());
            ps.setString(8, agent);
            ps.setObject(9, now);
            ps.executeUpdate();
        }
        if (a.promised()) {
            try (PreparedStatement ps = platform.get().prepareStatement("INSERT INTO collections.promises"
                    + " (client_id, invoice_id, made_on, promised_date, amount_clp, recorded_by, recorded_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, client.clientId());
                ps.setString(2, Long.toString(invoiceId));
                ps.setDate(3, Date.valueOf(today));
                ps.setDate(4, Date.valueOf(a.promisedOn()));
                ps.setBigDecimal(5, BigDecimal.valueOf(a.promisedClp()));
                ps.setString(6, agent);
                ps.setObject(7, now);
                ps.executeUpdate();
            }
        }
    }

    private Long customerOf(long invoice) throws SQLException {
        Long customer = invoiceCustomers.get(invoice);
        if (customer == null) {
            try (Statement s = erp.createStatement(); ResultSet rs = s.executeQuery("SELECT id, customer_id FROM invoices")) {
                while (rs.next()) {
                    invoiceCustomers.put(rs.getLong(1), rs.getLong(2));
                }
            }
            customer = invoiceCustomers.get(invoice);
            if (customer == null) {
                invoiceCustomers.put(invoice, -1L); // deleted: do not look again
            }
        }
        return customer == null || customer < 0 ? null : customer;
    }

    private static Long parseId(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return null; // an invoice id typed by hand into the platform: not one of the demo's
        }
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
