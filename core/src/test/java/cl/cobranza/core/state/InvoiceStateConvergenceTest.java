package cl.cobranza.core.state;

import cl.cobranza.core.events.CanonicalEvent;
import cl.cobranza.core.events.CreditNoteChanged;
import cl.cobranza.core.events.InvoiceChanged;
import cl.cobranza.core.events.PaymentChanged;
import cl.cobranza.core.testkit.Days;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static cl.cobranza.core.testkit.Facts.CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property: whatever order the facts of one invoice arrive in, and however often each is repeated,
 * the state ends where applying them once in source-position order ends, and where an independent
 * "latest version of each row wins" oracle says it should.
 */
class InvoiceStateConvergenceTest {
    private static final int SEQUENCES = 200;
    private static final String INVOICE = "1";

    @Test
    void shuffledAndDuplicatedFactsConvergeToThePositionOrderState() {
        for (long seed = 1; seed <= SEQUENCES; seed++) {
            Random rnd = new Random(seed);
            List<CanonicalEvent> inOrder = generate(rnd);

            InvoiceState ordered = new InvoiceState();
            for (CanonicalEvent e : inOrder) {
                assertThat(ordered.apply(e)).as("seed %d: first application of %s changes state", seed, e).isTrue();
            }

            List<CanonicalEvent> messy = new ArrayList<>(inOrder);
            for (CanonicalEvent e : inOrder) {
                int copies = rnd.nextInt(10) < 3 ? 1 + rnd.nextInt(2) : 0;
                for (int i = 0; i < copies; i++) {
                    messy.add(e);
                }
            }
            Collections.shuffle(messy, rnd);
            InvoiceState shuffled = new InvoiceState();
            for (CanonicalEvent e : messy) {
                shuffled.apply(e);
                if (rnd.nextInt(20) == 0) { // a checkpoint and restore in the middle must not matter either
                    shuffled = InvoiceState.decode(shuffled.encode());
                }
            }
            ordered.nextVersion(1_000L);
            shuffled.nextVersion(2_000L);

            Oracle oracle = new Oracle(inOrder);
            assertThat(withoutVersion(shuffled.snapshot(CLIENT, INVOICE)))
                    .as("seed %d: shuffled %s", seed, messy)
                    .isEqualTo(withoutVersion(ordered.snapshot(CLIENT, INVOICE)))
                    .isEqualTo(oracle.snapshot());
            assertThat(shuffled.snapshot(CLIENT, INVOICE).activity()).as("seed %d: movements in any order", seed)
                    .isEqualTo(ordered.snapshot(CLIENT, INVOICE).activity());
            for (LocalDate d = Days.DEC_31_2024; d.isBefore(LocalDate.of(2025, 5, 1)); d = d.plusDays(3)) {
                assertThat(shuffled.openClpAsOf(d)).as("seed %d as of %s", seed, d)
                        .isEqualTo(ordered.openClpAsOf(d))
                        .isEqualTo(oracle.openAsOf(d));
            }
        }
    }

    private static InvoiceSnapshot withoutVersion(InvoiceSnapshot s) {
        return new InvoiceSnapshot(s.clientId(), s.invoiceId(), s.debtorId(), s.dteType(), s.folio(), s.issueDate(),
                s.dueDate(), s.totalClp(), s.creditedClp(), s.paidClp(), s.openClp(), s.deleted(), 0);
    }

    /** A random history of one invoice's rows in source order: every event has a distinct, growing position. */
    private static List<CanonicalEvent> generate(Random rnd) {
        List<CanonicalEvent> events = new ArrayList<>();
        long pos = 1 + rnd.nextInt(5);
        boolean withHeader = rnd.nextInt(10) != 0; // sometimes the header never arrives
        LocalDate issue = Days.JAN_1.plusDays(rnd.nextInt(20));
        LocalDate due = rnd.nextBoolean() ? null : issue.plusDays(rnd.nextInt(61));
        long total = amount(rnd, 2_000_000);
        boolean headerDeleted = false;
        if (withHeader) {
            events.add(header(issue, due, total, false, pos));
        }
        Map<String, PaymentChanged> payments = new HashMap<>();
        Map<String, CreditNoteChanged> notes = new HashMap<>();
        int steps = 3 + rnd.nextInt(25);
        for (int i = 0; i < steps; i++) {
            pos += 1 + rnd.nextInt(3);
            int action = rnd.nextInt(10);
            if (withHeader && action == 0) { // correct the header (or re-create it after a delete)
                total = amount(rnd, 2_000_000);
                due = rnd.nextBoolean() ? null : issue.plusDays(rnd.nextInt(61));
                headerDeleted = false;
                events.add(header(issue, due, total, false, pos));
            } else if (withHeader && action == 1 && rnd.nextInt(3) == 0 && !headerDeleted) {
                headerDeleted = true;
                events.add(header(issue, due, total, true, pos));
            } else if (action <= 5) {
                String id = "p" + rnd.nextInt(5);
                PaymentChanged old = payments.get(id);
                boolean reverse = old != null && !old.deleted() && rnd.nextInt(3) == 0;
                PaymentChanged p = reverse
                        ? new PaymentChanged(CLIENT, id, INVOICE, old.paidOn(), old.amountClp(), true, pos)
                        : new PaymentChanged(CLIENT, id, INVOICE, date(rnd), amount(rnd, 800_000), false, pos);
                payments.put(id, p);
                events.add(p);
            } else {
                String id = "n" + rnd.nextInt(3);
                CreditNoteChanged old = notes.get(id);
                boolean delete = old != null && !old.deleted() && rnd.nextInt(3) == 0;
                CreditNoteChanged n = delete
                        ? new CreditNoteChanged(CLIENT, id, INVOICE, old.issueDate(), old.amountClp(), true, pos)
                        : new CreditNoteChanged(CLIENT, id, INVOICE, date(rnd), amount(rnd, 500_000), false, pos);
                notes.put(id, n);
                events.add(n);
            }
        }
        return events;
    }

    private static InvoiceChanged header(LocalDate issue, LocalDate due, long total, boolean deleted, long pos) {
        return new InvoiceChanged(CLIENT, INVOICE, "7", 33, 1001, issue, due, total, deleted, pos);
    }

    private static long amount(Random rnd, int max) {
        return 1 + rnd.nextInt(max);
    }

    private static LocalDate date(Random rnd) {
        return Days.JAN_1.plusDays(rnd.nextInt(110));
    }

    /** Independent model: for each row only its highest-position version counts. */
    private static final class Oracle {
        private InvoiceChanged header;
        private final Map<String, CanonicalEvent> facts = new HashMap<>();

        Oracle(List<CanonicalEvent> events) {
            for (CanonicalEvent e : events) {
                if (e instanceof InvoiceChanged h) {
                    if (header == null || h.sourcePosition() > header.sourcePosition()) {
                        header = h;
                    }
                } else {
                    String key = (e instanceof PaymentChanged p ? "payment:" + p.paymentId()
                            : "note:" + ((CreditNoteChanged) e).creditNoteId());
                    CanonicalEvent old = facts.get(key);
                    if (old == null || e.sourcePosition() > old.sourcePosition()) {
                        facts.put(key, e);
                    }
                }
            }
        }

        boolean live() {
            return header != null && !header.deleted();
        }

        long credited(LocalDate asOf) {
            long sum = 0;
            for (CanonicalEvent e : facts.values()) {
                if (e instanceof CreditNoteChanged n && !n.deleted() && (asOf == null || !n.issueDate().isAfter(asOf))) {
                    sum += n.amountClp();
                }
            }
            return sum;
        }

        long paid(LocalDate asOf) {
            long sum = 0;
            for (CanonicalEvent e : facts.values()) {
                if (e instanceof PaymentChanged p && !p.deleted() && (asOf == null || !p.paidOn().isAfter(asOf))) {
                    sum += p.amountClp();
                }
            }
            return sum;
        }

        long openAsOf(LocalDate d) {
            if (!live() || header.issueDate().isAfter(d)) {
                return 0;
            }
            return Math.max(0, header.totalClp() - credited(d) - paid(d));
        }

        InvoiceSnapshot snapshot() {
            long credited = credited(null);
            long paid = paid(null);
            if (header == null) {
                return new InvoiceSnapshot(CLIENT, INVOICE, "", 0, 0, null, null, 0, credited, paid, 0, true, 0);
            }
            LocalDate due = header.dueDate() != null ? header.dueDate() : header.issueDate().plusDays(30);
            long open = live() ? Math.max(0, header.totalClp() - credited - paid) : 0;
            return new InvoiceSnapshot(CLIENT, INVOICE, header.debtorId(), header.dteType(), header.folio(),
                    header.issueDate(), due, header.totalClp(), credited, paid, open, !live(), 0);
        }
    }
}
