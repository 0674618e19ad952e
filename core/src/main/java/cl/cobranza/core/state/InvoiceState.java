package cl.cobranza.core.state;

import cl.cobranza.core.collection.Channel;
import cl.cobranza.core.collection.Outcome;
import cl.cobranza.core.events.ActionRecorded;
import cl.cobranza.core.events.CanonicalEvent;
import cl.cobranza.core.events.CreditNoteChanged;
import cl.cobranza.core.events.InvoiceChanged;
import cl.cobranza.core.events.PaymentChanged;
import cl.cobranza.core.events.PromiseChanged;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything known about one invoice: its header, every credit note and payment applied to it, and the
 * collection actions and promises to pay recorded against it.
 *
 * <p>Each fact is kept by its source row id with the source position of the version applied, so
 * applying the same change twice, an older version after a newer one, or a payment before its
 * invoice all converge to the same state. Deletions are kept as tombstones for the same reason.
 */
public final class InvoiceState {
    private static final byte FORMAT_V1 = 1;
    private static final byte FORMAT = 2;

    private boolean hasHeader;
    private long headerPosition = Long.MIN_VALUE;
    private boolean headerDeleted;
    private String debtorId = "";
    private int dteType;
    private long folio;
    private LocalDate issueDate;
    private LocalDate dueDate;
    private long totalClp;
    private final Map<String, Fact> creditNotes = new TreeMap<>();
    private final Map<String, Fact> payments = new TreeMap<>();
    private final Map<String, ActionFact> actions = new TreeMap<>();
    private final Map<String, PromiseFact> promises = new TreeMap<>();
    private long version;

    /** One credit note or payment as last seen at the source. */
    record Fact(long amountClp, LocalDate date, boolean deleted, long position) {
    }

    /** A credit note or payment that counts: its date and amount. */
    public record Dated(LocalDate date, long amountClp) {
    }

    /** One collection action as last seen at the source. */
    public record ActionFact(LocalDate date, Channel channel, Outcome outcome, int agentMinutes, boolean deleted,
                             long position) {
    }

    /** One promise to pay as last seen at the source. */
    public record PromiseFact(LocalDate madeOn, LocalDate promisedDate, long amountClp, boolean deleted, long position) {
        /** Judged as of a day once its grace has run out: promised date + grace ≤ asOf (docs/kpis.md). */
        public boolean isJudgedBy(LocalDate asOf, int graceDays) {
            return !promisedDate.plusDays(graceDays).isAfter(asOf);
        }

        /**
         * Kept ⇔ the payments dated in [made on, promised date + grace] total at least the promised amount
         * (docs/kpis.md, promise-kept rate); pass the invoice's live payments, none when the invoice is not live.
         */
        public boolean isKept(List<Dated> payments, int graceDays) {
            LocalDate deadline = promisedDate.plusDays(graceDays);
            long paid = 0;
            for (Dated d : payments) {
                if (!d.date().isBefore(madeOn) && !d.date().isAfter(deadline)) {
                    paid += d.amountClp();
                }
            }
            return paid >= amountClp;
        }
    }

    /**
     * Applies a fact about this invoice. Returns true when the state changed; false for a duplicate,
     * an older version of a row already applied, or an event that does not concern invoice state.
     */
    public boolean apply(CanonicalEvent event) {
        if (event instanceof InvoiceChanged e) {
            return applyHeader(e);
        } else if (event instanceof CreditNoteChanged e) {
            return applyFact(creditNotes, e.creditNoteId(),
                    new Fact(e.amountClp(), e.issueDate(), e.deleted(), e.sourcePosition()));
        } else if (event instanceof PaymentChanged e) {
            return applyFact(payments, e.paymentId(),
                    new Fact(e.amountClp(), e.paidOn(), e.deleted(), e.sourcePosition()));
        } else if (event instanceof ActionRecorded e) {
            return applyVersioned(actions, e.actionId(), new ActionFact(e.actionDate(), e.channel(), e.outcome(),
                    e.agentMinutes(), e.deleted(), e.sourcePosition()), ActionFact::position);
        } else if (event instanceof PromiseChanged e) {
            return applyVersioned(promises, e.promiseId(), new PromiseFact(e.madeOn(), e.promisedDate(), e.amountClp(),
                    e.deleted(), e.sourcePosition()), PromiseFact::position);
        }
        return false; // debtors do not change invoice state
    }

    private boolean applyHeader(InvoiceChanged e) {
        if (hasHeader && e.sourcePosition() < headerPosition) {
            return false;
        }
        LocalDate due = cl.cobranza.core.kpi.DaysPastDue.effectiveDueDate(e.issueDate(), e.dueDate());
        boolean same = hasHeader && headerPosition == e.sourcePosition() && headerDeleted == e.deleted()
                && totalClp == e.totalClp() && due.equals(dueDate) && e.issueDate().equals(issueDate)
                && e.debtorId().equals(debtorId) && dteType == e.dteType() && folio == e.folio();
        if (same) {
            return false;
        }
        hasHeader = true;
        headerPosition = e.sourcePosition();
        headerDeleted = e.deleted();
        debtorId = e.debtorId();
        dteType = e.dteType();
        folio = e.folio();
        issueDate = e.issueDate();
        dueDate = due;
        totalClp = e.totalClp();
        return true;
    }

    private static boolean applyFact(Map<String, Fact> facts, String id, Fact incoming) {
        return applyVersioned(facts, id, incoming, Fact::position);
    }

    private static <T> boolean applyVersioned(Map<String, T> facts, String id, T incoming,
                                              java.util.function.ToLongFunction<T> position) {
        T current = facts.get(id);
        if (current != null && (position.applyAsLong(incoming) < position.applyAsLong(current)
                || incoming.equals(current))) {
            return false;
        }
        facts.put(id, incoming);
        return true;
    }

    /** True when the invoice header has arrived and the invoice is not deleted. */
    public boolean isLive() {
        return hasHeader && !headerDeleted;
    }

    public boolean hasHeader() {
        return hasHeader;
    }

    public LocalDate dueDate() {
        return dueDate;
    }

    public LocalDate issueDate() {
        return issueDate;
    }

    public String debtorId() {
        return debtorId;
    }

    /** Credit notes that count (not deleted), in row-id order. */
    public List<Dated> liveCreditNotes() {
        return live(creditNotes);
    }

    /** Payments that count (not deleted, not reversed), in row-id order. */
    public List<Dated> livePayments() {
        return live(payments);
    }

    private static List<Dated> live(Map<String, Fact> facts) {
        List<Dated> out = new ArrayList<>(facts.size());
        for (Fact f : facts.values()) {
            if (!f.deleted()) {
                out.add(new Dated(f.date(), f.amountClp()));
            }
        }
        return out;
    }

    /** Actions that count (not deleted). */
    public List<ActionFact> liveActions() {
        List<ActionFact> out = new ArrayList<>();
        for (ActionFact a : actions.values()) {
            if (!a.deleted()) {
                out.add(a);
            }
        }
        return out;
    }

    /** Promises that count (not deleted). */
    public List<PromiseFact> livePromises() {
        List<PromiseFact> out = new ArrayList<>();
        for (PromiseFact p : promises.values()) {
            if (!p.deleted()) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * The first day after {@code asOf} on which a live promise not yet judged as of {@code asOf} gets judged
     * (its promised date + grace), so a snapshot's broken promises can be refreshed then; null when none.
     */
    public LocalDate nextPromiseJudgedAfter(LocalDate asOf, int promiseGraceDays) {
        LocalDate next = null;
        for (PromiseFact p : livePromises()) {
            if (!p.isJudgedBy(asOf, promiseGraceDays)) {
                LocalDate judged = p.promisedDate().plusDays(promiseGraceDays);
                next = next == null || judged.isBefore(next) ? judged : next;
            }
        }
        return next;
    }

    /** True when nothing at all is known about this invoice yet. */
    public boolean isEmpty() {
        return !hasHeader && creditNotes.isEmpty() && payments.isEmpty() && actions.isEmpty() && promises.isEmpty();
    }

    public long totalClp() {
        return totalClp;
    }

    public long creditedClp() {
        return sum(creditNotes, null);
    }

    public long paidClp() {
        return sum(payments, null);
    }

    /** Open balance now: total − credit notes − payments, never below zero (kpis.md). */
    public long openClp() {
        return isLive() ? Math.max(0, totalClp - creditedClp() - paidClp()) : 0;
    }

    /** Open balance as of a business date: only facts dated on or before it count. */
    public long openClpAsOf(LocalDate asOf) {
        if (!isLive() || issueDate.isAfter(asOf)) {
            return 0;
        }
        return Math.max(0, totalClp - sum(creditNotes, asOf) - sum(payments, asOf));
    }

    private static long sum(Map<String, Fact> facts, LocalDate asOf) {
        long total = 0;
        for (Fact f : facts.values()) {
            if (!f.deleted() && (asOf == null || !f.date().isAfter(asOf))) {
                total += f.amountClp();
            }
        }
        return total;
    }

    /** Advances the state's version for a new snapshot (see {@link Versions}). */
    public long nextVersion(long nowMillis) {
        version = Versions.next(version, nowMillis);
        return version;
    }

    /**
     * The snapshot with its {@link Activity}, promises judged as of {@code asOf} (the business day the
     * snapshot is taken) with the client's {@code promiseGraceDays}.
     */
    public InvoiceSnapshot snapshot(String clientId, String invoiceId, LocalDate asOf, int promiseGraceDays) {
        return new InvoiceSnapshot(clientId, invoiceId, debtorId, dteType, folio, issueDate, dueDate, totalClp,
                creditedClp(), paidClp(), openClp(), !isLive(), version, Activity.of(this, asOf, promiseGraceDays));
    }

    /** The snapshot with its activity but no promise judged yet (broken promises 0): balances and facts only. */
    public InvoiceSnapshot snapshot(String clientId, String invoiceId) {
        return snapshot(clientId, invoiceId, LocalDate.MIN, 0);
    }

    /** Compact binary form for Flink state: cheaper and more stable than reflective serialisation. */
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 32 * (creditNotes.size() + payments.size()));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeBoolean(hasHeader);
            out.writeLong(headerPosition);
            out.writeBoolean(headerDeleted);
            out.writeUTF(debtorId);
            out.writeInt(dteType);
            out.writeLong(folio);
            out.writeLong(issueDate == null ? Long.MIN_VALUE : issueDate.toEpochDay());
            out.writeLong(dueDate == null ? Long.MIN_VALUE : dueDate.toEpochDay());
            out.writeLong(totalClp);
            out.writeLong(version);
            writeFacts(out, creditNotes);
            writeFacts(out, payments);
            out.writeInt(actions.size());
            for (Map.Entry<String, ActionFact> e : actions.entrySet()) {
                ActionFact a = e.getValue();
                out.writeUTF(e.getKey());
                out.writeLong(a.date().toEpochDay());
                out.writeByte(a.channel().ordinal());
                out.writeByte(a.outcome().ordinal());
                out.writeInt(a.agentMinutes());
                out.writeBoolean(a.deleted());
                out.writeLong(a.position());
            }
            out.writeInt(promises.size());
            for (Map.Entry<String, PromiseFact> e : promises.entrySet()) {
                PromiseFact p = e.getValue();
                out.writeUTF(e.getKey());
                out.writeLong(p.madeOn().toEpochDay());
                out.writeLong(p.promisedDate().toEpochDay());
                out.writeLong(p.amountClp());
                out.writeBoolean(p.deleted());
                out.writeLong(p.position());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static InvoiceState decode(byte[] data) {
        InvoiceState s = new InvoiceState();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            byte format = in.readByte();
            if (format != FORMAT && format != FORMAT_V1) {
                throw new IllegalStateException("unknown InvoiceState format " + format);
            }
            s.hasHeader = in.readBoolean();
            s.headerPosition = in.readLong();
            s.headerDeleted = in.readBoolean();
            s.debtorId = in.readUTF();
            s.dteType = in.readInt();
            s.folio = in.readLong();
            s.issueDate = readDate(in.readLong());
            s.dueDate = readDate(in.readLong());
            s.totalClp = in.readLong();
            s.version = in.readLong();
            readFacts(in, s.creditNotes);
            readFacts(in, s.payments);
            if (format == FORMAT) {
                Channel[] channels = Channel.values();
                Outcome[] outcomes = Outcome.values();
                int n = in.readInt();
                for (int i = 0; i < n; i++) {
                    String id = in.readUTF();
                    s.actions.put(id, new ActionFact(LocalDate.ofEpochDay(in.readLong()), channels[in.readByte()],
                            outcomes[in.readByte()], in.readInt(), in.readBoolean(), in.readLong()));
                }
                n = in.readInt();
                for (int i = 0; i < n; i++) {
                    String id = in.readUTF();
                    s.promises.put(id, new PromiseFact(LocalDate.ofEpochDay(in.readLong()),
                            LocalDate.ofEpochDay(in.readLong()), in.readLong(), in.readBoolean(), in.readLong()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return s;
    }

    private static LocalDate readDate(long epochDay) {
        return epochDay == Long.MIN_VALUE ? null : LocalDate.ofEpochDay(epochDay);
    }

    private static void writeFacts(DataOutputStream out, Map<String, Fact> facts) throws IOException {
        out.writeInt(facts.size());
        for (Map.Entry<String, Fact> e : facts.entrySet()) {
            Fact f = e.getValue();
            out.writeUTF(e.getKey());
            out.writeLong(f.amountClp());
            out.writeLong(f.date() == null ? Long.MIN_VALUE : f.date().toEpochDay());
            out.writeBoolean(f.deleted());
            out.writeLong(f.position());
        }
    }

    private static void readFacts(DataInputStream in, Map<String, Fact> facts) throws IOException {
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            String id = in.readUTF();
            facts.put(id, new Fact(in.readLong(), readDate(in.readLong()), in.readBoolean(), in.readLong()));
        }
    }
}
