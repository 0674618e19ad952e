package cl.cobranza.core.state;

import cl.cobranza.core.collection.Channel;
import cl.cobranza.core.collection.Outcome;
import cl.cobranza.core.collection.PromiseToPay;
import cl.cobranza.core.state.InvoiceState.ActionFact;
import cl.cobranza.core.state.InvoiceState.Dated;
import cl.cobranza.core.state.InvoiceState.PromiseFact;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What has been done to collect one invoice and the money that moved on it, for the worklist and the debtor
 * timeline: the last live action (null when none), the number of live actions, the latest live promise
 * (null when none), how many promises were broken as of a day, the dated payments and credit notes, and every
 * live action (as {@link LastAction}s: date, channel, outcome) and promise in date order, which the risk model's
 * features are computed from when it is trained from the warehouse.
 *
 * <p>A promise is broken as of d when it is judged by d (promised date + grace ≤ d, as for the promise-kept
 * rate of docs/kpis.md) and not kept (see {@link PromiseFact#isKept}).
 */
public record Activity(LastAction lastAction, int actions, PromiseToPay promise, int brokenPromises,
                       List<Movement> movements, List<LastAction> contacts, List<PromiseToPay> promises) {
    /** No action, no promise, no money movement. */
    public static final Activity NONE = new Activity(null, 0, null, 0, List.of());

    /** An activity without the lists of every contact and promise (what readers of older rows see). */
    public Activity(LastAction lastAction, int actions, PromiseToPay promise, int brokenPromises, List<Movement> movements) {
        this(lastAction, actions, promise, brokenPromises, movements, List.of(), List.of());
    }

    /** The newest action on the invoice: its date, channel and outcome. */
    public record LastAction(LocalDate date, Channel channel, Outcome outcome) {
        public LastAction {
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /** A payment or credit note that counts against the invoice, on its own date. */
    public record Movement(LocalDate date, Kind kind, long amountClp) {
        /** What moved the money. */
        public enum Kind { PAYMENT, CREDIT_NOTE }

        public Movement {
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(kind, "kind");
        }
    }

    public Activity {
        if (actions < 0 || brokenPromises < 0) {
            throw new IllegalArgumentException("counts must be >= 0: actions " + actions + ", broken " + brokenPromises);
        }
        movements = List.copyOf(movements);
        contacts = List.copyOf(contacts);
        promises = List.copyOf(promises);
    }

    /**
     * The activity of an invoice state, promises judged as of {@code asOf} with {@code promiseGraceDays}.
     * The last action is the newest by date, then source position; the latest promise the newest by made-on
     * date, then source position. Movements are in date order, credit notes before payments on the same day.
     */
    public static Activity of(InvoiceState state, LocalDate asOf, int promiseGraceDays) {
        ActionFact last = null;
        List<ActionFact> actions = state.liveActions();
        for (ActionFact a : actions) {
            if (last == null || a.date().isAfter(last.date())
                    || (a.date().equals(last.date()) && a.position() > last.position())) {
                last = a;
            }
        }
        PromiseFact latest = null;
        int broken = 0;
        // payments count towards a promise only while their invoice is live, as in the promise-kept rate
        List<Dated> payments = state.isLive() ? state.livePayments() : List.of();
        for (PromiseFact p : state.livePromises()) {
            if (latest == null || p.madeOn().isAfter(latest.madeOn())
                    || (p.madeOn().equals(latest.madeOn()) && p.position() > latest.position())) {
                latest = p;
            }
            if (p.isJudgedBy(asOf, promiseGraceDays) && !p.isKept(payments, promiseGraceDays)) {
                broken++;
            }
        }
        List<Movement> movements = new ArrayList<>();
        for (Dated d : state.liveCreditNotes()) {
            movements.add(new Movement(d.date(), Movement.Kind.CREDIT_NOTE, d.amountClp()));
        }
        for (Dated d : state.livePayments()) {
            movements.add(new Movement(d.date(), Movement.Kind.PAYMENT, d.amountClp()));
        }
        movements.sort(Comparator.comparing(Movement::date)); // stable: credit notes first, then row-id order
        List<ActionFact> byDate = new ArrayList<>(actions);
        byDate.sort(Comparator.comparing(ActionFact::date).thenComparingLong(ActionFact::position));
        List<LastAction> contacts = byDate.stream().map(a -> new LastAction(a.date(), a.channel(), a.outcome())).toList();
        List<PromiseFact> made = new ArrayList<>(state.livePromises());
        made.sort(Comparator.comparing(PromiseFact::madeOn).thenComparingLong(PromiseFact::position));
        List<PromiseToPay> promises = made.stream()
                .map(p -> new PromiseToPay(p.madeOn(), p.promisedDate(), p.amountClp())).toList();
        return new Activity(last == null ? null : new LastAction(last.date(), last.channel(), last.outcome()),
                actions.size(), latest == null ? null : new PromiseToPay(latest.madeOn(), latest.promisedDate(),
                latest.amountClp()), broken, movements, contacts, promises);
    }
}
