package cl.cobranza.core.ledger;

import cl.cobranza.core.collection.ClientTerms;
import cl.cobranza.core.kpi.CohortRecovery;
import cl.cobranza.core.state.InvoiceState;
import cl.cobranza.core.state.InvoiceState.ActionFact;
import cl.cobranza.core.state.InvoiceState.Dated;
import cl.cobranza.core.state.InvoiceState.PromiseFact;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one invoice adds to its client's {@link ClientLedger}, derived from its {@link InvoiceState}
 * with the rules of docs/kpis.md: its open balance as a step function of the as-of day (and the parts of
 * it that are overdue or in each aging bucket), its dated flows (sale, credit notes, collections,
 * placement, recoveries, close, actions, promises), and its placement cohort.
 *
 * <p>The ledger subtracts an invoice's previous contribution and adds its new one, so the difference
 * is non-zero exactly on the days (and cohorts) whose KPIs changed.
 */
public final class InvoiceContribution {
    private static final long FOREVER = Long.MAX_VALUE;

    private InvoiceContribution() {
    }

    /** Adds (sign +1) or removes (sign −1) the contribution of an invoice state; null adds nothing. */
    static void addTo(LedgerDelta delta, InvoiceState s, ClientTerms terms, int sign) {
        if (s == null) {
            return;
        }
        if (s.isLive()) {
            addReceivable(delta, s, terms, sign);
        }
        addActions(delta, s.liveActions(), terms, sign);
        // payments count towards a promise only while their invoice is live (as everywhere else)
        addPromises(delta, s.livePromises(), s.isLive() ? s.livePayments() : List.of(), terms, sign);
    }

    /** The open balance as a step function: value[j] holds from day[j] until the next day; 0 before day[0]. */
    record OpenCurve(long[] days, long[] values) {
        long at(long day) {
            long v = 0;
            for (int j = 0; j < days.length && days[j] <= day; j++) {
                v = values[j];
            }
            return v;
        }

        /** The first day the balance is zero, or null while it is still open. */
        Long closedOn() {
            for (int j = 0; j < days.length; j++) {
                if (values[j] == 0) {
                    return days[j];
                }
            }
            return null;
        }
    }

    static OpenCurve openCurve(InvoiceState s) {
        long issue = s.issueDate().toEpochDay();
        TreeMap<Long, Long> reductions = new TreeMap<>();
        reductions.put(issue, 0L);
        for (Dated d : s.liveCreditNotes()) {
            reductions.merge(Math.max(issue, d.date().toEpochDay()), d.amountClp(), Long::sum);
        }
        for (Dated d : s.livePayments()) {
            reductions.merge(Math.max(issue, d.date().toEpochDay()), d.amountClp(), Long::sum);
        }
        long[] days = new long[reductions.size()];
        long[] values = new long[reductions.size()];
        long reduced = 0;
        int j = 0;
        for (Map.Entry<Long, Long> e : reductions.entrySet()) {
            reduced += e.getValue();
            days[j] = e.getKey();
            values[j] = Math.max(0, s.totalClp() - reduced);
            j++;
        }
        return new OpenCurve(days, values);
    }

    private static void addReceivable(LedgerDelta delta, InvoiceState s, ClientTerms terms, int sign) {
        OpenCurve open = openCurve(s);
        long issue = s.issueDate().toEpochDay();
        long due = s.dueDate().toEpochDay();
        long placement = due + 1;

        levels(delta, Metrics.L_OPEN, open, issue, FOREVER, 1, false, sign);
        levels(delta, Metrics.L_OPEN_COUNT, open, issue, FOREVER, 1, true, sign);
        levels(delta, Metrics.L_OVERDUE, open, placement, FOREVER, 1, false, sign);
        levels(delta, Metrics.L_OVERDUE_COUNT, open, placement, FOREVER, 1, true, sign);
        levels(delta, Metrics.L_OVERDUE_DUE_WEIGHT, open, placement, FOREVER, due, false, sign);
        List<Integer> edges = terms.agingEdges();
        for (int bucket = 1; bucket < terms.bucketCount(); bucket++) {
            long from = due + terms.bucketLowerDpd(bucket);
            long to = bucket <= edges.size() ? due + edges.get(bucket - 1) : FOREVER;
            levels(delta, Metrics.L_AGING_FIRST + bucket - 1, open, from, to, 1, false, sign);
        }

        delta.flow(issue, Metrics.F_SALES, sign * s.totalClp());
        for (Dated d : s.liveCreditNotes()) {
            delta.flow(d.date().toEpochDay(), Metrics.F_CREDIT_NOTES, sign * d.amountClp());
        }
        List<Dated> payments = s.livePayments();
        for (Dated d : payments) {
            delta.flow(d.date().toEpochDay(), Metrics.F_COLLECTED, sign * d.amountClp());
        }

        // the balance that becomes overdue: open at the end of the due date; a payment on the first
        // overdue day is then a recovery, a credit note on it reduces the placed amount
        long openAtPlacement = open.at(due);
        if (openAtPlacement > 0) {
            delta.flow(placement, Metrics.F_NEWLY_PLACED, sign * openAtPlacement);
            TreeMap<Long, Long> paidByDay = new TreeMap<>();
            for (Dated d : payments) {
                if (d.date().toEpochDay() >= placement) {
                    paidByDay.merge(d.date().toEpochDay(), d.amountClp(), Long::sum);
                }
            }
            long paid = 0;
            for (Map.Entry<Long, Long> e : paidByDay.entrySet()) {
                long before = Math.min(openAtPlacement, paid);
                paid += e.getValue();
                delta.flow(e.getKey(), Metrics.F_RECOVERED, sign * (Math.min(openAtPlacement, paid) - before));
            }
            addCohort(delta, s, placement, openAtPlacement, paidByDay, sign);
        }

        Long closed = open.closedOn();
        if (closed != null) {
            long weight = s.totalClp();
            for (Dated d : s.liveCreditNotes()) {
                if (d.date().toEpochDay() <= closed) {
                    weight -= d.amountClp();
                }
            }
            if (weight > 0) {
                delta.flow(closed, Metrics.F_CLOSED_COUNT, sign);
                delta.flow(closed, Metrics.F_CLOSED_WEIGHT, sign * weight);
                delta.flow(closed, Metrics.F_CLOSED_WEIGHT_DAYS, sign * weight * Math.max(0, closed - due));
            }
        }
    }

    private static void addCohort(LedgerDelta delta, InvoiceState s, long placement, long openAtPlacement,
                                  TreeMap<Long, Long> paidByDay, int sign) {
        long placed = openAtPlacement;
        for (Dated d : s.liveCreditNotes()) {
            if (d.date().toEpochDay() >= placement) {
                placed -= d.amountClp();
            }
        }
        placed = Math.max(0, placed);
        delta.cohort(placement, Metrics.C_INVOICES, sign);
        delta.cohort(placement, Metrics.C_PLACED, sign * placed);
        for (int h = 0; h < CohortRecovery.HORIZONS_DAYS.size(); h++) {
            long last = placement + CohortRecovery.HORIZONS_DAYS.get(h) - 1;
            long paid = 0;
            for (long amount : paidByDay.headMap(last, true).values()) {
                paid += amount;
            }
            delta.cohort(placement, Metrics.C_RECOVERED_FIRST + h, sign * Math.min(placed, paid));
        }
    }

    /**
     * Adds a level metric: the open curve (or its indicator, or times a multiplier) restricted to the
     * days [from, to], as steps: the value on {@code from}, each change inside, and the drop after {@code to}.
     */
    private static void levels(LedgerDelta delta, int metric, OpenCurve open, long from, long to, long multiplier,
                               boolean indicator, int sign) {
        long previous = value(open.at(from), indicator);
        delta.level(from, metric, sign * previous * multiplier);
        long[] days = open.days();
        for (int j = 0; j < days.length; j++) {
            if (days[j] > from && days[j] <= to) {
                long v = value(open.values()[j], indicator);
                delta.level(days[j], metric, sign * (v - previous) * multiplier);
                previous = v;
            }
        }
        if (to != FOREVER) {
            delta.level(to + 1, metric, -sign * previous * multiplier);
        }
    }

    private static long value(long open, boolean indicator) {
        return indicator ? (open > 0 ? 1 : 0) : open;
    }

    private static void addActions(LedgerDelta delta, List<ActionFact> actions, ClientTerms terms, int sign) {
        TreeMap<Integer, Long> firstDayOfMonth = new TreeMap<>();
        for (ActionFact a : actions) {
            long day = a.date().toEpochDay();
            long cost = terms.actionCostClp(a.channel(), a.agentMinutes());
            delta.flow(day, Metrics.F_ACTIONS, sign);
            delta.flow(day, Metrics.F_ACTION_COST, sign * cost);
            if (a.channel().isPassedOn()) {
                delta.flow(day, Metrics.F_PASSED_ON, sign * cost);
            }
            if (a.channel().isContactAttempt()) {
                delta.flow(day, Metrics.F_ATTEMPTS, sign);
                if (a.outcome().isRightPartyContact()) {
                    delta.flow(day, Metrics.F_RPC, sign);
                }
            }
            firstDayOfMonth.merge(epochMonth(a.date()), day, Math::min);
        }
        for (long day : firstDayOfMonth.values()) {
            delta.flow(day, Metrics.F_WORKED, sign);
        }
    }

    private static void addPromises(LedgerDelta delta, List<PromiseFact> promises, List<Dated> payments,
                                    ClientTerms terms, int sign) {
        for (PromiseFact p : promises) {
            long day = p.promisedDate().toEpochDay();
            delta.flow(day, Metrics.F_PROMISES_DUE, sign);
            if (p.isKept(payments, terms.promiseGraceDays())) {
                delta.flow(day, Metrics.F_PROMISES_KEPT, sign);
            }
        }
    }

    static int epochMonth(LocalDate day) {
        return day.getYear() * 12 + day.getMonthValue() - 1;
    }

    static YearMonth yearMonth(int epochMonth) {
        return YearMonth.of(Math.floorDiv(epochMonth, 12), Math.floorMod(epochMonth, 12) + 1);
    }
}
