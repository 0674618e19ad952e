package cl.cobranza.benchmarks;

import cl.cobranza.core.collection.Channel;
import cl.cobranza.core.collection.Outcome;
import cl.cobranza.core.events.ActionRecorded;
import cl.cobranza.core.events.CanonicalEvent;
import cl.cobranza.core.events.CreditNoteChanged;
import cl.cobranza.core.events.InvoiceChanged;
import cl.cobranza.core.events.PaymentChanged;
import cl.cobranza.core.events.PromiseChanged;
import cl.cobranza.core.state.InvoiceState;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded inputs for the benchmarks, built from core's public API only (no test kit): one client's invoices over
 * two years up to {@link #TODAY}, each with the facts a pyme's receivables typically have.
 *
 * <p>Per invoice: total log-uniform in [$100.000, $5.000.000]; terms 30 days (70%), 60 (20%) or 0 (10%);
 * 8% get a credit note of 10–50% of the total; the rest is paid in full (by one payment, or by two instalments 15
 * days apart for a quarter of them) with days late from the due date in [-5, 15] for 65% of invoices, [16, 60] for
 * 22%, [61, 180] for 8%, and 5% never paid (so open today: the recent ones and the bad debts); overdue invoices get one collection
 * action every 4–10 days from the day after the due date until paid or today (calls, e-mails, WhatsApp; outcomes
 * mixed), and 30% of them a promise to pay (kept when made a few days before the payment, else broken). Positions
 * grow in the order the facts were written (by invoice, not by date: no KPI depends on that order).
 */
final class Histories {
    /** The as-of day of every benchmark (a Friday). */
    static final LocalDate TODAY = LocalDate.of(2026, 12, 4);
    static final String CLIENT = "c1";

    private static final Channel[] ACTION_CHANNELS = {Channel.CALL, Channel.CALL, Channel.EMAIL, Channel.WHATSAPP,
            Channel.SMS};
    private static final Outcome[] CALL_OUTCOMES = {Outcome.NO_ANSWER, Outcome.NO_ANSWER, Outcome.CONTACTED,
            Outcome.PROMISED_TO_PAY, Outcome.MESSAGE_LEFT, Outcome.WRONG_PARTY, Outcome.REFUSED};

    private Histories() {
    }

    /** One client's history: its events (in write order) and each invoice's state after all of them. */
    record Client(List<CanonicalEvent> events, Map<String, InvoiceState> states) {
    }

    /** A client with {@code invoices} invoices issued over the last {@code spanDays} days, {@code debtors} debtors. */
    static Client client(long seed, int invoices, int spanDays, int debtors) {
        Random rnd = new Random(seed);
        List<CanonicalEvent> events = new ArrayList<>();
        long[] position = {1_000};
        for (int i = 0; i < invoices; i++) {
            LocalDate issue = TODAY.minusDays(1 + rnd.nextInt(spanDays));
            invoice(rnd, "i" + i, "d" + rnd.nextInt(debtors), issue, events, position);
        }
        Map<String, InvoiceState> states = new LinkedHashMap<>();
        for (CanonicalEvent e : events) {
            states.computeIfAbsent(e.invoiceId(), k -> new InvoiceState()).apply(e);
        }
        return new Client(List.copyOf(events), states);
    }

    /** The facts of one invoice issued on {@code issue}, none dated after {@link #TODAY}. */
    static void invoice(Random rnd, String id, String debtor, LocalDate issue, List<CanonicalEvent> events,
                        long[] position) {
        int term = switch (rnd.nextInt(10)) {
            case 0 -> 0;
            case 1, 2 -> 60;
            default -> 30;
        };
        LocalDate due = issue.plusDays(term);
        long total = Math.round(Math.exp(Math.log(100_000) + rnd.nextDouble() * Math.log(50)));
        events.add(new InvoiceChanged(CLIENT, id, debtor, 33, Long.parseLong(id.substring(1)) + 1, issue, due, total,
                false, position[0]++));
        long open = total;
        if (rnd.nextInt(100) < 8) {
            LocalDate on = issue.plusDays(rnd.nextInt(20));
            if (!on.isAfter(TODAY)) {
                long amount = total * (10 + rnd.nextInt(41)) / 100;
                events.add(new CreditNoteChanged(CLIENT, id + "-nc", id, on, amount, false, position[0]++));
                open -= amount;
            }
        }
        int late = rnd.nextInt(100);
        LocalDate paidOn = late < 5 ? null // never paid: bad debt
                : late < 70 ? due.plusDays(rnd.nextInt(21) - 5)
                : late < 92 ? due.plusDays(16 + rnd.nextInt(45))
                : due.plusDays(61 + rnd.nextInt(120));
        if (paidOn != null && paidOn.isBefore(issue)) {
            paidOn = issue;
        }
        boolean twoInstalments = rnd.nextInt(4) == 0;
        if (paidOn != null && twoInstalments) {
            LocalDate first = paidOn.minusDays(15).isBefore(issue) ? issue : paidOn.minusDays(15);
            if (!first.isAfter(TODAY)) {
                events.add(new PaymentChanged(CLIENT, id + "-p1", id, first, open / 2, false, position[0]++));
            }
            if (!paidOn.isAfter(TODAY)) {
                events.add(new PaymentChanged(CLIENT, id + "-p2", id, paidOn, open - open / 2, false, position[0]++));
            }
        } else if (paidOn != null && !paidOn.isAfter(TODAY)) {
            events.add(new PaymentChanged(CLIENT, id + "-p1", id, paidOn, open, false, position[0]++));
        }
        // collection work while overdue: from the day after due until paid (or today)
        LocalDate workUntil = paidOn == null || paidOn.isAfter(TODAY) ? TODAY : paidOn.minusDays(1);
        int n = 0;
        for (LocalDate d = due.plusDays(1 + rnd.nextInt(4)); !d.isAfter(workUntil); d = d.plusDays(4 + rnd.nextInt(7))) {
            Channel channel = ACTION_CHANNELS[rnd.nextInt(ACTION_CHANNELS.length)];
            Outcome outcome = channel == Channel.CALL ? CALL_OUTCOMES[rnd.nextInt(CALL_OUTCOMES.length)]
                    : Outcome.DELIVERED;
            events.add(new ActionRecorded(CLIENT, id + "-a" + n++, id, d, channel, outcome,
                    channel == Channel.CALL ? 2 + rnd.nextInt(6) : 0, false, position[0]++));
        }
        if (n > 0 && rnd.nextInt(100) < 30) {
            // kept when made a few days before the payment (60% of those paid), else made early and broken
            boolean kept = paidOn != null && rnd.nextInt(100) < 60 && paidOn.minusDays(8).isAfter(due);
            LocalDate made = kept ? paidOn.minusDays(3 + rnd.nextInt(5)) : due.plusDays(3 + rnd.nextInt(10));
            if (!made.isAfter(TODAY)) {
                events.add(new PromiseChanged(CLIENT, id + "-pr", id, made, made.plusDays(7), open, false,
                        position[0]++));
            }
        }
    }

    /**
     * A typical invoice as the invoice-state operator holds it: $1.190.000 issued 60 days ago at 30 days, one
     * credit note, one payment, 6 collection actions and 1 promise (9 facts plus the header). "heavy" is a long
     * collection: 3 credit notes, 12 instalment payments, 40 actions and 6 promises (61 facts).
     */
    static List<CanonicalEvent> oneInvoice(String shape) {
        boolean heavy = "heavy".equals(shape);
        int creditNotes = heavy ? 3 : 1;
        int payments = heavy ? 12 : 1;
        int actions = heavy ? 40 : 6;
        int promises = heavy ? 6 : 1;
        LocalDate issue = TODAY.minusDays(heavy ? 400 : 60);
        LocalDate due = issue.plusDays(30);
        long pos = 1;
        List<CanonicalEvent> events = new ArrayList<>();
        events.add(new InvoiceChanged(CLIENT, "i1", "d1", 33, 4711, issue, due, 1_190_000 * (heavy ? 10L : 1L),
                false, pos++));
        for (int k = 0; k < creditNotes; k++) {
            events.add(new CreditNoteChanged(CLIENT, "nc" + k, "i1", issue.plusDays(2 + k), 50_000, false, pos++));
        }
        for (int k = 0; k < payments; k++) {
            events.add(new PaymentChanged(CLIENT, "p" + k, "i1", due.plusDays(5 + 20L * k), 200_000, false, pos++));
        }
        Channel[] channels = {Channel.EMAIL, Channel.CALL, Channel.WHATSAPP, Channel.CALL, Channel.SMS, Channel.CALL};
        Outcome[] outcomes = {Outcome.DELIVERED, Outcome.NO_ANSWER, Outcome.DELIVERED, Outcome.CONTACTED,
                Outcome.DELIVERED, Outcome.PROMISED_TO_PAY};
        for (int k = 0; k < actions; k++) {
            Channel c = channels[k % channels.length];
            events.add(new ActionRecorded(CLIENT, "a" + k, "i1", due.plusDays(1 + 4L * k), c, outcomes[k % outcomes.length],
                    c == Channel.CALL ? 4 : 0, false, pos++));
        }
        for (int k = 0; k < promises; k++) {
            LocalDate made = due.plusDays(10 + 30L * k);
            events.add(new PromiseChanged(CLIENT, "pr" + k, "i1", made, made.plusDays(7), 300_000, false, pos++));
        }
        return events;
    }
}
