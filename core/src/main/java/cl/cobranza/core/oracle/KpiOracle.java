package cl.cobranza.core.oracle;

import cl.cobranza.core.collection.ClientTerms;
import cl.cobranza.core.events.ActionRecorded;
import cl.cobranza.core.events.CanonicalEvent;
import cl.cobranza.core.events.CreditNoteChanged;
import cl.cobranza.core.events.InvoiceChanged;
import cl.cobranza.core.events.PaymentChanged;
import cl.cobranza.core.events.PromiseChanged;
import cl.cobranza.core.kpi.CohortRecovery;
import cl.cobranza.core.kpi.DailyKpis;
import cl.cobranza.core.kpi.DaysPastDue;
import cl.cobranza.core.kpi.Formulas;
import cl.cobranza.core.kpi.MonthlyKpis;
import cl.cobranza.core.oracle.InvoiceHistory.Dated;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The batch reference calculator: every KPI of docs/kpis.md for one client, computed from the full list of
 * canonical events in the most direct way, to check the streaming implementation against.
 *
 * <p>Resolution, done once in the constructor: events of other clients and debtor events are ignored; per
 * row id within each kind (invoice, credit note, payment, action, promise) the version with the largest
 * source position wins, whatever order, duplication or age the list has; a deleted row or reversed payment
 * is absent. A credit note or payment belongs to the invoice named by its newest version.
 *
 * <p>Facts about invoices that are missing or deleted: credit notes and payments on them count nowhere
 * (not in balances, not in the day's flows, not in recoveries, not towards a promise). Actions and promises
 * on them still count: the collector's work happened, so they add to action costs, contact attempts,
 * right-party contacts, invoices worked and promises due (such a promise can only be kept if it promised
 * nothing, since no payment on that invoice counts).
 *
 * <p>Everything after that is recomputed per question from the resolved facts (open(d) of each invoice for
 * each day asked): clear rather than fast. Every result has version 0.
 */
public final class KpiOracle {
    private static final int COUNTBACK_PERIODS = Formulas.COUNTBACK_PERIODS;

    private final String clientId;
    private final ClientTerms terms;
    private final List<InvoiceHistory> invoices = new ArrayList<>();
    private final Map<String, InvoiceHistory> invoiceById = new HashMap<>();
    private final List<ActionRecorded> actions;
    private final List<PromiseChanged> promises;
    /** Gross credit sales per issue day (totals of live invoices), to sum sales over any range of days. */
    private final TreeMap<LocalDate, Long> salesByDay = new TreeMap<>();

    public KpiOracle(String clientId, List<? extends CanonicalEvent> events, ClientTerms terms) {
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.terms = Objects.requireNonNull(terms, "terms");
        LatestVersions<InvoiceChanged> invoiceVersions = new LatestVersions<>();
        LatestVersions<CreditNoteChanged> creditNoteVersions = new LatestVersions<>();
        LatestVersions<PaymentChanged> paymentVersions = new LatestVersions<>();
        LatestVersions<ActionRecorded> actionVersions = new LatestVersions<>();
        LatestVersions<PromiseChanged> promiseVersions = new LatestVersions<>();
        for (CanonicalEvent event : events) {
            if (!clientId.equals(event.clientId())) {
                continue;
            }
            if (event instanceof InvoiceChanged e) {
                invoiceVersions.offer(e.invoiceId(), e);
            } else if (event instanceof CreditNoteChanged e) {
                creditNoteVersions.offer(e.creditNoteId(), e);
            } else if (event instanceof PaymentChanged e) {
                paymentVersions.offer(e.paymentId(), e);
            } else if (event instanceof ActionRecorded e) {
                actionVersions.offer(e.actionId(), e);
            } else if (event instanceof PromiseChanged e) {
                promiseVersions.offer(e.promiseId(), e);
            }
            // DebtorChanged: no KPI reads debtors
        }

        Map<String, List<Dated>> creditNotesByInvoice = new HashMap<>();
        for (CreditNoteChanged c : creditNoteVersions.live()) {
            creditNotesByInvoice.computeIfAbsent(c.invoiceId(), k -> new ArrayList<>())
                    .add(new Dated(c.issueDate(), c.amountClp()));
        }
        Map<String, List<Dated>> paymentsByInvoice = new HashMap<>();
        for (PaymentChanged p : paymentVersions.live()) {
            paymentsByInvoice.computeIfAbsent(p.invoiceId(), k -> new ArrayList<>())
                    .add(new Dated(p.paidOn(), p.amountClp()));
        }
        for (InvoiceChanged header : invoiceVersions.live()) {
            InvoiceHistory invoice = new InvoiceHistory(header,
                    creditNotesByInvoice.getOrDefault(header.invoiceId(), List.of()),
                    paymentsByInvoice.getOrDefault(header.invoiceId(), List.of()));
            invoices.add(invoice);
            invoiceById.put(invoice.invoiceId(), invoice);
            salesByDay.merge(invoice.issueDate(), invoice.totalClp(), Long::sum);
        }
        this.actions = actionVersions.live();
        this.promises = promiseVersions.live();
    }

    /** The client's KPIs as of day d (docs/kpis.md, "Daily KPIs"). */
    public DailyKpis daily(LocalDate d) {
        long open = 0;
        long openInvoices = 0;
        long overdue = 0;
        long overdueInvoices = 0;
        long overdueClpDays = 0;
        long[] aging = new long[terms.bucketCount()];
        long creditNotes = 0;
        long collected = 0;
        for (InvoiceHistory invoice : invoices) {
            creditNotes += invoice.creditNotesIn(d, d);
            collected += invoice.paymentsIn(d, d);
            long balance = invoice.openOn(d);
            if (balance == 0) {
                continue;
            }
            long dpd = invoice.daysPastDue(d);
            open += balance;
            openInvoices++;
            aging[terms.bucketOf(dpd)] += balance;
            if (dpd > 0) { // overdue ⇔ open(d) > 0 and d > due
                overdue += balance;
                overdueInvoices++;
                overdueClpDays += balance * dpd;
            }
        }
        long sales90 = salesIn(d.minusDays(ClientTerms.DSO_WINDOW_DAYS - 1L), d);
        return new DailyKpis(clientId, d, open, openInvoices, overdue, overdueInvoices, aging, overdueClpDays,
                salesIn(d, d), creditNotes, collected, sales90, dsoCountback(d, open), 0);
    }

    /**
     * The client's KPIs for month m as known on asOf (docs/kpis.md, "Monthly KPIs"): over [m's first day,
     * periodEnd], periodEnd = the month's last day, or asOf for the current month; promises are judged once
     * their grace has run out by asOf.
     */
    public MonthlyKpis monthly(YearMonth m, LocalDate asOf) {
        if (YearMonth.from(asOf).isBefore(m)) {
            throw new IllegalArgumentException("as-of day " + asOf + " is before month " + m
                    + ": a month is known from its first day on");
        }
        LocalDate a = m.atDay(1);
        LocalDate e = m.atEndOfMonth().isAfter(asOf) ? asOf : m.atEndOfMonth();
        LocalDate beforeStart = a.minusDays(1);

        long arStart = 0;
        long placedStart = 0;
        long arEnd = 0;
        long overdueEnd = 0;
        long creditNotes = 0;
        long collected = 0;
        long closedInvoices = 0;
        long closedWeight = 0;
        long closedWeightDays = 0;
        long newlyPlaced = 0;
        long recovered = 0;
        for (InvoiceHistory invoice : invoices) {
            arStart += invoice.openOn(beforeStart);
            if (isOverdue(invoice, beforeStart)) {
                placedStart += invoice.openOn(beforeStart);
            }
            arEnd += invoice.openOn(e);
            if (isOverdue(invoice, e)) {
                overdueEnd += invoice.openOn(e);
            }
            creditNotes += invoice.creditNotesIn(a, e);
            collected += invoice.paymentsIn(a, e);

            LocalDate c = invoice.closeDay();
            if (c != null && within(c, a, e)) {
                long weight = invoice.weightAtClose(c);
                if (weight > 0) { // fully credited invoices weigh 0 and are left out
                    closedInvoices++;
                    closedWeight += weight;
                    closedWeightDays += weight * DaysPastDue.of(invoice.dueDate(), c);
                }
            }

            if (invoice.isPlaced()) {
                if (within(invoice.placementDay(), a, e)) {
                    newlyPlaced += invoice.openAtPlacement();
                }
                recovered += invoice.recoveredBy(e) - invoice.recoveredBy(beforeStart);
            }
        }

        long promisesDue = 0;
        long promisesKept = 0;
        int grace = terms.promiseGraceDays();
        LocalDate graceOver = asOf.minusDays(grace); // only promises whose grace has run out by asOf are judged
        LocalDate lastJudged = graceOver.isBefore(e) ? graceOver : e;
        for (PromiseChanged promise : promises) {
            if (!within(promise.promisedDate(), a, lastJudged)) {
                continue;
            }
            promisesDue++;
            InvoiceHistory invoice = invoiceById.get(promise.invoiceId());
            long paid = invoice == null ? 0
                    : invoice.paymentsIn(promise.madeOn(), promise.promisedDate().plusDays(grace));
            if (paid >= promise.amountClp()) {
                promisesKept++;
            }
        }

        long contactAttempts = 0;
        long rightPartyContacts = 0;
        long actionCount = 0;
        long actionCost = 0;
        long chargesPassedOn = 0;
        Set<String> invoicesWorked = new HashSet<>();
        for (ActionRecorded action : actions) {
            if (!within(action.actionDate(), a, e)) {
                continue;
            }
            actionCount++;
            long cost = terms.actionCostClp(action.channel(), action.agentMinutes());
            actionCost += cost;
            if (action.channel().isPassedOn()) {
                chargesPassedOn += cost;
            }
            if (action.channel().isContactAttempt()) {
                contactAttempts++;
                if (action.outcome() != null && action.outcome().isRightPartyContact()) {
                    rightPartyContacts++;
                }
            }
            if (action.invoiceId() != null) {
                invoicesWorked.add(action.invoiceId());
            }
        }

        long agencyFee = Formulas.agencyFee(recovered, terms.agencyFeeBps());
        return new MonthlyKpis(clientId, m, e, asOf, arStart, salesIn(a, e), creditNotes, collected, arEnd,
                arEnd - overdueEnd, dsoCountback(e, arEnd), closedInvoices, closedWeight, closedWeightDays,
                placedStart, newlyPlaced, recovered, promisesDue, promisesKept, contactAttempts, rightPartyContacts,
                actionCount, actionCost, chargesPassedOn, invoicesWorked.size(), agencyFee, 0);
    }

    /**
     * Recovery per placement cohort (docs/kpis.md, "Recovery per placement cohort"): one per month with at
     * least one invoice placed on or before asOf, in month order, over every known fact.
     */
    public List<CohortRecovery> cohorts(LocalDate asOf) {
        int horizons = CohortRecovery.HORIZONS_DAYS.size();
        TreeMap<YearMonth, long[]> byCohort = new TreeMap<>(); // {invoices, placed, recovered per horizon…}
        for (InvoiceHistory invoice : invoices) {
            if (!invoice.isPlaced() || invoice.placementDay().isAfter(asOf)) {
                continue;
            }
            long[] sums = byCohort.computeIfAbsent(YearMonth.from(invoice.placementDay()), k -> new long[2 + horizons]);
            sums[0]++;
            sums[1] += invoice.placedClp();
            for (int i = 0; i < horizons; i++) {
                sums[2 + i] += invoice.recoveredWithin(CohortRecovery.HORIZONS_DAYS.get(i));
            }
        }
        List<CohortRecovery> cohorts = new ArrayList<>();
        for (Map.Entry<YearMonth, long[]> entry : byCohort.entrySet()) {
            long[] sums = entry.getValue();
            long[] recovered = new long[horizons];
            System.arraycopy(sums, 2, recovered, 0, horizons);
            cohorts.add(new CohortRecovery(clientId, entry.getKey(), sums[0], sums[1], recovered, 0));
        }
        return cohorts;
    }

    /**
     * The earliest business date of any live fact that counts: a live invoice's issue date, its live credit
     * notes' and payments' dates, live actions' dates and live promises' made-on dates; null when there is none.
     */
    public LocalDate firstDay() {
        LocalDate first = null;
        for (InvoiceHistory invoice : invoices) {
            first = earlier(first, invoice.firstDate());
        }
        for (ActionRecorded action : actions) {
            first = earlier(first, action.actionDate());
        }
        for (PromiseChanged promise : promises) {
            first = earlier(first, promise.madeOn());
        }
        return first;
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    private static boolean isOverdue(InvoiceHistory invoice, LocalDate d) {
        return invoice.openOn(d) > 0 && d.isAfter(invoice.dueDate());
    }

    private static boolean within(LocalDate day, LocalDate from, LocalDate to) {
        return !day.isBefore(from) && !day.isAfter(to);
    }

    /** Gross credit sales: totals of live invoices issued in [from, to]. */
    private long salesIn(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            return 0;
        }
        long sum = 0;
        for (long sales : salesByDay.subMap(from, true, to, true).values()) {
            sum += sales;
        }
        return sum;
    }

    /**
     * DSO countback as of d: period 0 is d's month to date (d.dayOfMonth days), period k ≥ 1 the k-th
     * previous calendar month (its length), 36 periods in all.
     */
    private double dsoCountback(LocalDate d, long ar) {
        long[] sales = new long[COUNTBACK_PERIODS];
        int[] days = new int[COUNTBACK_PERIODS];
        sales[0] = salesIn(d.withDayOfMonth(1), d);
        days[0] = d.getDayOfMonth();
        YearMonth month = YearMonth.from(d);
        for (int k = 1; k < COUNTBACK_PERIODS; k++) {
            YearMonth previous = month.minusMonths(k);
            sales[k] = salesIn(previous.atDay(1), previous.atEndOfMonth());
            days[k] = previous.lengthOfMonth();
        }
        return Formulas.dsoCountback(ar, sales, days);
    }
}
