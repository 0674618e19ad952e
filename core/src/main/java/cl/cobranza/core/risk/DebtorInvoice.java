package cl.cobranza.core.risk;

import cl.cobranza.core.collection.Channel;
import cl.cobranza.core.collection.Outcome;
import cl.cobranza.core.collection.PromiseToPay;
import cl.cobranza.core.kpi.DaysPastDue;
import cl.cobranza.core.state.Activity.Movement;
import cl.cobranza.core.state.InvoiceSnapshot;
import cl.cobranza.core.state.InvoiceState;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One invoice of a debtor as the risk model sees it, the same for training and for live scoring: its dates and
 * total, the money that moved on it (payments and credit notes; reversed or bounced payments are not here), the
 * collector's contacts and the debtor's promises, each on its own business date.
 */
public record DebtorInvoice(String id, LocalDate issueDate, LocalDate dueDate, long totalClp,
                            List<Movement> movements, List<Contact> contacts, List<PromiseToPay> promises) {

    /** A collector's action on the invoice: its date, channel and outcome. */
    public record Contact(LocalDate date, Channel channel, Outcome outcome) {
        public Contact {
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    public DebtorInvoice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(issueDate, "issueDate of invoice " + id);
        dueDate = DaysPastDue.effectiveDueDate(issueDate, dueDate);
        List<Movement> sorted = new ArrayList<>(movements);
        sorted.sort(Comparator.comparing(Movement::date)); // stable: same-day order is kept
        movements = List.copyOf(sorted);
        contacts = List.copyOf(contacts);
        promises = List.copyOf(promises);
    }

    /**
     * The invoice of a live {@link InvoiceState}: its live payments and credit notes (deleted or reversed rows
     * excluded), live actions and live promises. Fails for an invoice whose header has not arrived or is deleted.
     */
    public static DebtorInvoice from(String invoiceId, InvoiceState state) {
        if (!state.isLive()) {
            throw new IllegalArgumentException("invoice " + invoiceId + " is not live (no header or deleted): "
                    + "score only invoices whose header has arrived");
        }
        List<Movement> moves = new ArrayList<>();
        for (InvoiceState.Dated d : state.liveCreditNotes()) {
            moves.add(new Movement(d.date(), Movement.Kind.CREDIT_NOTE, d.amountClp()));
        }
        for (InvoiceState.Dated d : state.livePayments()) {
            moves.add(new Movement(d.date(), Movement.Kind.PAYMENT, d.amountClp()));
        }
        List<Contact> contacts = new ArrayList<>();
        for (InvoiceState.ActionFact a : state.liveActions()) {
            contacts.add(new Contact(a.date(), a.channel(), a.outcome()));
        }
        List<PromiseToPay> promises = new ArrayList<>();
        for (InvoiceState.PromiseFact p : state.livePromises()) {
            promises.add(new PromiseToPay(p.madeOn(), p.promisedDate(), p.amountClp()));
        }
        return new DebtorInvoice(invoiceId, state.issueDate(), state.dueDate(), state.totalClp(), moves, contacts,
                promises);
    }

    /**
     * The invoice as the warehouse keeps it ({@code invoice_state} with its activity: movements, every contact and
     * promise, V007), for training from the warehouse; the same values {@link #from(String, InvoiceState)} gives
     * live.
     */
    public static DebtorInvoice from(InvoiceSnapshot s) {
        List<Contact> contacts = s.activity().contacts().stream()
                .map(c -> new Contact(c.date(), c.channel(), c.outcome())).toList();
        return new DebtorInvoice(s.invoiceId(), s.issueDate(), s.dueDate(), s.totalClp(), s.activity().movements(),
                contacts, s.activity().promises());
    }

    /** True when the invoice exists as of the day (issued on or before it). */
    public boolean existsOn(LocalDate asOf) {
        return !issueDate.isAfter(asOf);
    }

    /** Total − credit notes − payments dated on or before the day, never below 0 (docs/kpis.md); 0 before issue. */
    public long openClpAsOf(LocalDate asOf) {
        if (!existsOn(asOf)) {
            return 0;
        }
        long open = totalClp;
        for (Movement m : movements) {
            if (!m.date().isAfter(asOf)) {
                open -= m.amountClp();
            }
        }
        return Math.max(0, open);
    }

    /** Payments dated in (from, to]. */
    public long paidBetween(LocalDate fromExclusive, LocalDate toInclusive) {
        long paid = 0;
        for (Movement m : movements) {
            if (m.kind() == Movement.Kind.PAYMENT && m.date().isAfter(fromExclusive) && !m.date().isAfter(toInclusive)) {
                paid += m.amountClp();
            }
        }
        return paid;
    }

    /** Days past due as of the day: max(0, asOf − due date). */
    public long daysPastDue(LocalDate asOf) {
        return DaysPastDue.of(dueDate, asOf);
    }

    /**
     * The day, on or before {@code asOf}, on which a payment brought the open balance to 0 (settled by payment);
     * null when it is still open as of the day or was closed by a credit note alone.
     */
    public LocalDate settledByPaymentOn(LocalDate asOf) {
        long open = totalClp;
        boolean anyPayment = false;
        for (Movement m : movements) {
            if (m.date().isAfter(asOf)) {
                break;
            }
            open -= m.amountClp();
            anyPayment |= m.kind() == Movement.Kind.PAYMENT;
            if (open <= 0) {
                return anyPayment && m.kind() == Movement.Kind.PAYMENT ? m.date() : null;
            }
        }
        return null;
    }

    /**
     * Whether a promise judged by {@code asOf} (promised date + grace ≤ asOf) was kept: payments dated in
     * [made on, promised date + grace] total at least the promised amount (docs/kpis.md, promise-kept rate).
     */
    public boolean isKept(PromiseToPay p, int graceDays) {
        LocalDate deadline = p.promisedDate().plusDays(graceDays);
        long paid = 0;
        for (Movement m : movements) {
            if (m.kind() == Movement.Kind.PAYMENT && !m.date().isBefore(p.madeOn()) && !m.date().isAfter(deadline)) {
                paid += m.amountClp();
            }
        }
        return paid >= p.amountClp();
    }
}
