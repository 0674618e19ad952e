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
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The generator is deterministic, its histories keep their own promises, and every kind of fact turns up. */
class RandomHistoryTest {
    private static final List<String> CLIENTS = List.of("pyme-1", "pyme-2");
    private static final LocalDate FROM = LocalDate.of(2025, 1, 1);
    private static final LocalDate TO = LocalDate.of(2025, 9, 30);

    @Test
    void theSameSeedGivesTheSameHistoryAndTheSameDelivery() {
        RandomHistory a = RandomHistory.generate(42, CLIENTS, FROM, TO);
        RandomHistory b = RandomHistory.generate(42, CLIENTS, FROM, TO);
        assertThat(b.sourceOrder()).isEqualTo(a.sourceOrder());
        assertThat(b.arrivalOrder(7)).isEqualTo(a.arrivalOrder(7));
        assertThat(a.arrivalOrder(8)).isNotEqualTo(a.arrivalOrder(7));
        assertThat(RandomHistory.generate(43, CLIENTS, FROM, TO).sourceOrder()).isNotEqualTo(a.sourceOrder());
    }

    @Test
    void sourceOrderHasGrowingPositionsPerSourceAndNothingAfterTheEnd() {
        for (long seed = 1; seed <= 5; seed++) {
            RandomHistory h = RandomHistory.generate(seed, CLIENTS, FROM, TO);
            Map<String, CanonicalEvent> lastOfSource = new HashMap<>();
            Map<String, CanonicalEvent> lastOfRow = new HashMap<>();
            List<CanonicalEvent> source = h.sourceOrder();
            for (int i = 0; i < source.size(); i++) {
                CanonicalEvent e = source.get(i);
                boolean retraction = i + 1 < source.size() && isMove(e, source.get(i + 1));
                CanonicalEvent previous = retraction ? lastOfRow.get(rowKey(e)) : lastOfRow.put(rowKey(e), e);
                if (e.deleted()) { // a deletion (or reversal, or retraction) carries the row as it stood
                    assertThat(previous).as("seed %d: %s deletes nothing", seed, e).isNotNull();
                    assertThat(withPosition(e, 0)).as("seed %d", seed)
                            .isEqualTo(withPosition(withDeleted(previous), 0));
                }
                CanonicalEvent last = lastOfSource.put(RandomHistory.sourceOf(e), e);
                if (last != null && last.sourcePosition() == e.sourcePosition()) {
                    assertThat(isMove(last, e)).as("seed %d: %s and %s share a position", seed, last, e).isTrue();
                } else if (last != null) {
                    assertThat(e.sourcePosition()).as("seed %d: %s after %s", seed, e, last)
                            .isGreaterThan(last.sourcePosition());
                }
                assertThat(factDate(e)).as("seed %d: %s", seed, e).isBetween(FROM, TO);
            }
            assertThat(lastOfSource.keySet()).containsExactlyInAnyOrder("pyme-1", "pyme-2", RandomHistory.PLATFORM);
        }
    }

    @Test
    void invoicesDebtorsAndActionsStayWithinTheirRanges() {
        for (long seed = 1; seed <= 5; seed++) {
            RandomHistory h = RandomHistory.generate(seed, CLIENTS, FROM, TO);
            Map<String, Set<String>> invoicesPerClient = new HashMap<>();
            Map<String, InvoiceChanged> firstVersion = new LinkedHashMap<>();
            for (CanonicalEvent e : h.sourceOrder()) {
                if (e instanceof DebtorChanged d) {
                    assertThat(Rut.isValid(d.rut())).as("seed %d: %s", seed, d).isTrue();
                } else if (e instanceof InvoiceChanged i) {
                    invoicesPerClient.computeIfAbsent(i.clientId(), c -> new HashSet<>()).add(i.invoiceId());
                    firstVersion.putIfAbsent(i.clientId() + "/" + i.invoiceId(), i);
                    assertThat(i.totalClp()).isBetween(50_000L, 5_000_000L);
                    assertThat(i.dteType()).isIn(33, 34, 56);
                    if (i.dueDate() != null) {
                        assertThat(i.dueDate()).isBetween(i.issueDate(), i.issueDate().plusDays(60));
                    }
                } else if (e instanceof ActionRecorded a && a.channel() == Channel.CALL) {
                    assertThat(a.agentMinutes()).isBetween(0, 30);
                }
            }
            for (Set<String> ids : invoicesPerClient.values()) {
                assertThat(ids.size()).as("seed %d: invoices of a client", seed).isBetween(80, 200);
            }
            long withoutDue = firstVersion.values().stream().filter(i -> i.dueDate() == null).count();
            assertThat((double) withoutDue / firstVersion.size()).as("seed %d: share without due date", seed)
                    .isBetween(0.10, 0.30);
        }
    }

    @Test
    void arrivalIsTheSameFactsMostlyInOrderWithDuplicatesAndLateOldVersions() {
        for (long seed = 1; seed <= 5; seed++) {
            RandomHistory h = RandomHistory.generate(seed, CLIENTS, FROM, TO);
            List<CanonicalEvent> source = h.sourceOrder();
            List<CanonicalEvent> arrival = h.arrivalOrder(seed * 100);
            assertThat(new HashSet<>(arrival)).isEqualTo(new HashSet<>(source));
            double duplicated = (double) (arrival.size() - source.size()) / source.size();
            assertThat(duplicated).as("seed %d: share of duplicates", seed).isBetween(0.05, 0.15);

            Map<CanonicalEvent, Integer> sourceIndex = new HashMap<>();
            for (int i = 0; i < source.size(); i++) {
                sourceIndex.put(source.get(i), i);
            }
            int near = 0;
            int olderAfterNewer = 0;
            Map<String, Long> newestSeen = new HashMap<>();
            Set<CanonicalEvent> seen = new HashSet<>();
            for (int i = 0; i < arrival.size(); i++) {
                CanonicalEvent e = arrival.get(i);
                if (seen.add(e) && Math.abs(sourceIndex.get(e) - (seen.size() - 1)) <= 50) {
                    near++; // first deliveries within 50 places of where the source wrote them
                }
                Long newest = newestSeen.merge(rowKey(e), e.sourcePosition(), Math::max);
                if (newest > e.sourcePosition()) {
                    olderAfterNewer++;
                }
            }
            assertThat((double) near / source.size()).as("seed %d: mostly in order", seed).isGreaterThan(0.8);
            assertThat(arrival.subList(0, source.size())).as("seed %d: but not in order", seed).isNotEqualTo(source);
            assertThat(olderAfterNewer).as("seed %d: older versions after newer ones", seed).isPositive();
            for (int i = 0; i < arrival.size(); i++) { // a move's two events come from one record: together
                int at = sourceIndex.get(arrival.get(i));
                if (at > 0 && isMove(source.get(at - 1), source.get(at))) {
                    assertThat(i > 0 && isMove(arrival.get(i - 1), arrival.get(i)))
                            .as("seed %d: %s arrived without its retraction", seed, arrival.get(i)).isTrue();
                }
            }
        }
    }

    @Test
    void everyKindOfFactTurnsUpAcrossFiveSeeds() {
        Set<String> kinds = new TreeSet<>();
        for (long seed = 1; seed <= 5; seed++) {
            kinds.addAll(kinds(RandomHistory.generate(seed, CLIENTS, FROM, TO)));
        }
        List<String> expected = new ArrayList<>(List.of("debtor", "debtor renamed", "debtor deleted",
                "invoice 33", "invoice 34", "invoice 56", "invoice without due date", "amount corrected",
                "invoice voided", "payment partial", "invoice paid exactly in full", "invoice overpaid",
                "payment late", "payment backdated", "payment reversed", "credit note partial",
                "credit note cancels in full", "credit note deleted", "payment moved", "credit note moved",
                "action corrected", "action deleted", "promise kept", "promise kept within grace",
                "promise broken", "promise renegotiated", "promise deleted"));
        for (Channel c : Channel.values()) {
            expected.add("channel " + c);
        }
        for (Outcome o : Outcome.values()) {
            expected.add("outcome " + o);
        }
        assertThat(kinds).containsAll(expected);
    }

    // --- an independent reading of a history: the newest version of each row wins

    private static Set<String> kinds(RandomHistory h) {
        Set<String> kinds = new HashSet<>();
        Map<String, CanonicalEvent> newest = new LinkedHashMap<>();
        Map<String, List<CanonicalEvent>> versions = new HashMap<>();
        Map<String, LocalDate> latestFactDate = new HashMap<>();
        List<CanonicalEvent> source = h.sourceOrder();
        for (int i = 0; i < source.size(); i++) {
            CanonicalEvent e = source.get(i);
            CanonicalEvent next = i + 1 < source.size() ? source.get(i + 1) : null;
            boolean moveRetraction = isMove(e, next);
            if (moveRetraction) {
                kinds.add(e instanceof PaymentChanged ? "payment moved" : "credit note moved");
            }
            boolean moveTarget = i > 0 && isMove(source.get(i - 1), e);
            if (!moveRetraction) {
                String key = rowKey(e);
                List<CanonicalEvent> before = versions.computeIfAbsent(key, k -> new ArrayList<>());
                if (e instanceof DebtorChanged d) {
                    kinds.add(d.deleted() ? "debtor deleted" : before.isEmpty() ? "debtor" : "debtor renamed");
                } else if (e instanceof InvoiceChanged inv) {
                    kinds.add(inv.deleted() ? "invoice voided" : "invoice " + inv.dteType());
                    if (inv.dueDate() == null) {
                        kinds.add("invoice without due date");
                    }
                    if (!inv.deleted() && !before.isEmpty()
                            && ((InvoiceChanged) before.get(before.size() - 1)).totalClp() != inv.totalClp()) {
                        kinds.add("amount corrected");
                    }
                } else if (e instanceof PaymentChanged p) {
                    LocalDate latest = latestFactDate.get(p.clientId());
                    if (before.isEmpty() && latest != null && p.paidOn().isBefore(latest.minusDays(6))) {
                        kinds.add("payment backdated");
                    }
                    if (p.deleted() && !moveTarget) {
                        kinds.add("payment reversed");
                    }
                } else if (e instanceof CreditNoteChanged n && n.deleted()) {
                    kinds.add("credit note deleted");
                } else if (e instanceof ActionRecorded a) {
                    kinds.add(a.deleted() ? "action deleted" : before.isEmpty() ? "action" : "action corrected");
                } else if (e instanceof PromiseChanged q) {
                    kinds.add(q.deleted() ? "promise deleted" : before.isEmpty() ? "promise" : "promise renegotiated");
                }
                before.add(e);
                newest.put(key, e);
            }
            if (!(e instanceof ActionRecorded) && !(e instanceof PromiseChanged)) {
                latestFactDate.merge(e.clientId(), factDate(e), (x, y) -> x.isAfter(y) ? x : y);
            }
        }

        Map<String, InvoiceChanged> invoices = new HashMap<>();
        Map<String, List<CanonicalEvent>> factsOf = new HashMap<>();
        for (CanonicalEvent e : newest.values()) {
            if (e instanceof InvoiceChanged i && !i.deleted()) {
                invoices.put(i.clientId() + "/" + i.invoiceId(), i);
            } else if (!e.deleted() && (e instanceof PaymentChanged || e instanceof CreditNoteChanged)) {
                factsOf.computeIfAbsent(e.clientId() + "/" + e.invoiceId(), k -> new ArrayList<>()).add(e);
            }
        }
        for (Map.Entry<String, InvoiceChanged> entry : invoices.entrySet()) {
            InvoiceChanged inv = entry.getValue();
            LocalDate due = inv.dueDate() != null ? inv.dueDate() : inv.issueDate().plusDays(30);
            long credited = 0;
            long paid = 0;
            for (CanonicalEvent f : factsOf.getOrDefault(entry.getKey(), List.of())) {
                if (f instanceof CreditNoteChanged n) {
                    credited += n.amountClp();
                    kinds.add(n.amountClp() == inv.totalClp() ? "credit note cancels in full" : "credit note partial");
                } else {
                    PaymentChanged p = (PaymentChanged) f;
                    paid += p.amountClp();
                    if (p.amountClp() < inv.totalClp()) {
                        kinds.add("payment partial");
                    }
                    if (p.paidOn().isAfter(due)) {
                        kinds.add("payment late");
                    }
                }
            }
            if (paid > 0 && paid == inv.totalClp() - credited) {
                kinds.add("invoice paid exactly in full");
            } else if (paid > inv.totalClp() - credited) {
                kinds.add("invoice overpaid");
            }
        }
        for (CanonicalEvent e : newest.values()) {
            if (e instanceof ActionRecorded a && !a.deleted()) {
                kinds.add("channel " + a.channel());
                kinds.add("outcome " + a.outcome());
            } else if (e instanceof PromiseChanged q && !q.deleted()
                    && !q.promisedDate().plusDays(RandomHistory.PROMISE_GRACE_DAYS).isAfter(h.to())) {
                long byDate = 0;
                long byGrace = 0;
                for (CanonicalEvent f : factsOf.getOrDefault(q.clientId() + "/" + q.invoiceId(), List.of())) {
                    if (f instanceof PaymentChanged p && !p.paidOn().isBefore(q.madeOn())) {
                        byDate += p.paidOn().isAfter(q.promisedDate()) ? 0 : p.amountClp();
                        byGrace += p.paidOn().isAfter(q.promisedDate().plusDays(RandomHistory.PROMISE_GRACE_DAYS))
                                ? 0 : p.amountClp();
                    }
                }
                kinds.add(byDate >= q.amountClp() ? "promise kept"
                        : byGrace >= q.amountClp() ? "promise kept within grace" : "promise broken");
            }
        }
        return kinds;
    }

    private static CanonicalEvent withDeleted(CanonicalEvent e) {
        if (e instanceof DebtorChanged d) {
            return new DebtorChanged(d.clientId(), d.debtorId(), d.rut(), d.name(), true, d.sourcePosition());
        }
        if (e instanceof InvoiceChanged i) {
            return new InvoiceChanged(i.clientId(), i.invoiceId(), i.debtorId(), i.dteType(), i.folio(), i.issueDate(),
                    i.dueDate(), i.totalClp(), true, i.sourcePosition());
        }
        if (e instanceof CreditNoteChanged n) {
            return new CreditNoteChanged(n.clientId(), n.creditNoteId(), n.invoiceId(), n.issueDate(), n.amountClp(),
                    true, n.sourcePosition());
        }
        if (e instanceof PaymentChanged p) {
            return new PaymentChanged(p.clientId(), p.paymentId(), p.invoiceId(), p.paidOn(), p.amountClp(), true,
                    p.sourcePosition());
        }
        if (e instanceof ActionRecorded a) {
            return new ActionRecorded(a.clientId(), a.actionId(), a.invoiceId(), a.actionDate(), a.channel(),
                    a.outcome(), a.agentMinutes(), true, a.sourcePosition());
        }
        PromiseChanged q = (PromiseChanged) e;
        return new PromiseChanged(q.clientId(), q.promiseId(), q.invoiceId(), q.madeOn(), q.promisedDate(),
                q.amountClp(), true, q.sourcePosition());
    }

    private static CanonicalEvent withPosition(CanonicalEvent e, long position) {
        if (e instanceof DebtorChanged d) {
            return new DebtorChanged(d.clientId(), d.debtorId(), d.rut(), d.name(), d.deleted(), position);
        }
        if (e instanceof InvoiceChanged i) {
            return new InvoiceChanged(i.clientId(), i.invoiceId(), i.debtorId(), i.dteType(), i.folio(), i.issueDate(),
                    i.dueDate(), i.totalClp(), i.deleted(), position);
        }
        if (e instanceof CreditNoteChanged n) {
            return new CreditNoteChanged(n.clientId(), n.creditNoteId(), n.invoiceId(), n.issueDate(), n.amountClp(),
                    n.deleted(), position);
        }
        if (e instanceof PaymentChanged p) {
            return new PaymentChanged(p.clientId(), p.paymentId(), p.invoiceId(), p.paidOn(), p.amountClp(),
                    p.deleted(), position);
        }
        if (e instanceof ActionRecorded a) {
            return new ActionRecorded(a.clientId(), a.actionId(), a.invoiceId(), a.actionDate(), a.channel(),
                    a.outcome(), a.agentMinutes(), a.deleted(), position);
        }
        PromiseChanged q = (PromiseChanged) e;
        return new PromiseChanged(q.clientId(), q.promiseId(), q.invoiceId(), q.madeOn(), q.promisedDate(),
                q.amountClp(), q.deleted(), position);
    }

    /** A move: the retraction of a payment or credit note from one invoice, then the same row on another, at one position. */
    private static boolean isMove(CanonicalEvent retraction, CanonicalEvent moved) {
        return moved != null && retraction.deleted() && !moved.deleted()
                && retraction.sourcePosition() == moved.sourcePosition()
                && retraction.getClass() == moved.getClass() && rowKey(retraction).equals(rowKey(moved))
                && !retraction.invoiceId().equals(moved.invoiceId());
    }

    private static String rowKey(CanonicalEvent e) {
        String id;
        if (e instanceof DebtorChanged d) {
            id = d.debtorId();
        } else if (e instanceof InvoiceChanged i) {
            id = i.invoiceId();
        } else if (e instanceof CreditNoteChanged n) {
            id = n.creditNoteId();
        } else if (e instanceof PaymentChanged p) {
            id = p.paymentId();
        } else if (e instanceof ActionRecorded a) {
            id = a.actionId();
        } else {
            id = ((PromiseChanged) e).promiseId();
        }
        return e.getClass().getSimpleName() + "/" + e.clientId() + "/" + id;
    }

    /** When the fact happened (a debtor has no date of its own: the start of the period stands in). */
    private static LocalDate factDate(CanonicalEvent e) {
        if (e instanceof InvoiceChanged i) {
            return i.issueDate();
        }
        if (e instanceof CreditNoteChanged n) {
            return n.issueDate();
        }
        if (e instanceof PaymentChanged p) {
            return p.paidOn();
        }
        if (e instanceof ActionRecorded a) {
            return a.actionDate();
        }
        if (e instanceof PromiseChanged q) {
            return q.madeOn();
        }
        return FROM;
    }
}
