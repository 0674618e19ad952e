package cl.cobranza.core.risk;

import cl.cobranza.core.collection.Outcome;
import cl.cobranza.core.collection.PromiseToPay;
import cl.cobranza.core.state.Activity.Movement;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a debtor's history says about it as of a business day, computed only from facts dated on or before that
 * day (an invoice issued, a payment made, a contact or promise recorded later does not exist yet), so that the
 * features of a past observation in training are exactly the features live scoring would have seen then.
 *
 * @param asOf                  the business day of the view
 * @param consumer              the debtor is a consumer (Ley 19.496)
 * @param settledCount          invoices fully settled by payments as of the day (all of its history)
 * @param meanDaysLate          mean days late (max(0, settled − due)) of the last {@link #LAST_N} settled; NaN when none
 * @param shareLate             share of those paid after their due date; NaN when none
 * @param trendDays             mean days late of the last 3 settled − mean of the earlier ones among the last
 *                              {@link #LAST_N}; positive = paying later than before; NaN with fewer than 5 settled
 * @param openClp               open balance of all its invoices
 * @param openCount             invoices with an open balance
 * @param overdueClp            open balance of its overdue invoices (days past due ≥ 1)
 * @param overdueCount          overdue invoices with an open balance
 * @param promisesKept          promises judged by the day (promised date + grace ≤ asOf) and kept
 * @param promisesBroken        promises judged by the day and not kept
 * @param disputesRecent        contacts with outcome DISPUTED in the last {@link #RECENT_DAYS} days
 * @param openDisputes          invoices still open as of the day with a DISPUTED contact on them
 * @param daysSinceLastContact  days since the newest contact (any channel), {@link #NEVER} when none yet
 * @param lastContactRightParty the newest contact reached the debtor (right-party contact)
 * @param daysSinceLastPayment  days since its newest payment on any invoice, {@link #NEVER} when none yet
 */
public record DebtorFeatures(LocalDate asOf, boolean consumer, int settledCount, double meanDaysLate,
                             double shareLate, double trendDays, long openClp, int openCount, long overdueClp,
                             int overdueCount, int promisesKept, int promisesBroken, int disputesRecent,
                             int openDisputes, int daysSinceLastContact, boolean lastContactRightParty,
                             int daysSinceLastPayment) {
    /** How many of the latest settled invoices the payment-history features look at. */
    public static final int LAST_N = 10;
    /** The window of "recent" disputes. */
    public static final int RECENT_DAYS = 90;
    /** {@link #daysSinceLastContact} or {@link #daysSinceLastPayment} when there was none yet. */
    public static final int NEVER = -1;

    /** The features of a debtor with these invoices as of {@code asOf}, promises judged with {@code promiseGraceDays}. */
    public static DebtorFeatures asOf(List<DebtorInvoice> invoices, boolean consumer, LocalDate asOf,
                                      int promiseGraceDays) {
        record Settled(LocalDate on, long daysLate) {
        }
        List<Settled> settled = new ArrayList<>();
        long openClp = 0;
        long overdueClp = 0;
        int openCount = 0;
        int overdueCount = 0;
        int kept = 0;
        int broken = 0;
        int disputesRecent = 0;
        int openDisputes = 0;
        DebtorInvoice.Contact last = null;
        LocalDate lastPayment = null;
        LocalDate recentFrom = asOf.minusDays(RECENT_DAYS - 1L);
        for (DebtorInvoice inv : invoices) {
            if (!inv.existsOn(asOf)) {
                continue;
            }
            LocalDate settledOn = inv.settledByPaymentOn(asOf);
            if (settledOn != null) {
                settled.add(new Settled(settledOn, Math.max(0, ChronoUnit.DAYS.between(inv.dueDate(), settledOn))));
            }
            for (Movement m : inv.movements()) {
                if (m.kind() == Movement.Kind.PAYMENT && !m.date().isAfter(asOf)
                        && (lastPayment == null || m.date().isAfter(lastPayment))) {
                    lastPayment = m.date();
                }
            }
            long open = inv.openClpAsOf(asOf);
            if (open > 0) {
                openClp += open;
                openCount++;
                if (inv.daysPastDue(asOf) >= 1) {
                    overdueClp += open;
                    overdueCount++;
                }
            }
            boolean disputed = false;
            for (DebtorInvoice.Contact c : inv.contacts()) {
                if (c.date().isAfter(asOf)) {
                    continue;
                }
                if (c.outcome() == Outcome.DISPUTED) {
                    disputed = true;
                    if (!c.date().isBefore(recentFrom)) {
                        disputesRecent++;
                    }
                }
                if (last == null || c.date().isAfter(last.date())) {
                    last = c;
                }
            }
            if (disputed && open > 0) {
                openDisputes++;
            }
            for (PromiseToPay p : inv.promises()) {
                // judged by asOf implies made on or before it, and only payments dated ≤ asOf can keep it
                if (!p.madeOn().isAfter(asOf) && !p.promisedDate().plusDays(promiseGraceDays).isAfter(asOf)) {
                    if (inv.isKept(p, promiseGraceDays)) {
                        kept++;
                    } else {
                        broken++;
                    }
                }
            }
        }
        settled.sort(Comparator.comparing(Settled::on));
        List<Settled> lastN = settled.subList(Math.max(0, settled.size() - LAST_N), settled.size());
        double mean = Double.NaN;
        double shareLate = Double.NaN;
        double trend = Double.NaN;
        if (!lastN.isEmpty()) {
            long sum = 0;
            int late = 0;
            for (Settled s : lastN) {
                sum += s.daysLate();
                late += s.daysLate() > 0 ? 1 : 0;
            }
            mean = (double) sum / lastN.size();
            shareLate = (double) late / lastN.size();
        }
        if (lastN.size() >= 5) {
            int split = lastN.size() - 3;
            trend = meanOf(lastN.subList(split, lastN.size()).stream().mapToLong(Settled::daysLate).toArray())
                    - meanOf(lastN.subList(0, split).stream().mapToLong(Settled::daysLate).toArray());
        }
        int sinceContact = last == null ? NEVER : (int) ChronoUnit.DAYS.between(last.date(), asOf);
        boolean rightParty = last != null && last.outcome().isRightPartyContact();
        return new DebtorFeatures(asOf, consumer, settled.size(), mean, shareLate, trend, openClp, openCount,
                overdueClp, overdueCount, kept, broken, disputesRecent, openDisputes, sinceContact, rightParty,
                lastPayment == null ? NEVER : (int) ChronoUnit.DAYS.between(lastPayment, asOf));
    }

    private static double meanOf(long[] values) {
        long sum = 0;
        for (long v : values) {
            sum += v;
        }
        return (double) sum / values.length;
    }
}
