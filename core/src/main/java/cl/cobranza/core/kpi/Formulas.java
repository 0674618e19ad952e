package cl.cobranza.core.kpi;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;

/**
 * The arithmetic of every KPI in docs/kpis.md, written once: the streaming ledger, the batch oracle
 * and roll-ups all feed their sums in here. Ratios are null when the denominator is zero.
 */
public final class Formulas {
    /** Maximum number of periods the countback walks back (the current month to date plus 35 months). */
    public static final int COUNTBACK_PERIODS = 36;

    private Formulas() {
    }

    /**
     * DSO by the countback method: walk back period by period, consuming each period's credit sales
     * from the open AR and adding its days, and a fraction of the first period that is not consumed
     * whole. {@code sales[k]} and {@code days[k]} are period k back from the as-of day (0 = month to date).
     */
    public static double dsoCountback(long ar, long[] sales, int[] days) {
        if (sales.length != days.length) {
            throw new IllegalArgumentException("one day count per sales period");
        }
        long remaining = ar;
        double dso = 0;
        for (int k = 0; k < sales.length && k < COUNTBACK_PERIODS; k++) {
            if (remaining <= 0) {
                break;
            }
            if (sales[k] <= remaining) {
                remaining -= sales[k];
                dso += days[k];
            } else {
                dso += (double) remaining / sales[k] * days[k];
                break;
            }
        }
        return dso;
    }

    /**
     * DSO countback as of {@code asOf} with the periods of docs/kpis.md: period 0 is asOf's month to date
     * ({@code asOf.getDayOfMonth()} days, sales {@code monthToDateSales}), period k ≥ 1 the k-th previous
     * calendar month (its length, sales from {@code salesByMonth}, 0 when absent), 36 periods in all.
     * Entries of {@code salesByMonth} for asOf's month or later are ignored.
     */
    public static double dsoCountback(long ar, LocalDate asOf, long monthToDateSales, Map<YearMonth, Long> salesByMonth) {
        long[] sales = new long[COUNTBACK_PERIODS];
        int[] days = new int[COUNTBACK_PERIODS];
        sales[0] = monthToDateSales;
        days[0] = asOf.getDayOfMonth();
        YearMonth month = YearMonth.from(asOf);
        for (int k = 1; k < COUNTBACK_PERIODS; k++) {
            YearMonth previous = month.minusMonths(k);
            sales[k] = salesByMonth.getOrDefault(previous, 0L);
            days[k] = previous.lengthOfMonth();
        }
        return dsoCountback(ar, sales, days);
    }

    /** DSO standard: ending AR ÷ credit sales of the period × days of the period. */
    public static Double dsoStandard(long ar, long sales, int days) {
        return sales <= 0 ? null : (double) ar / sales * days;
    }

    /** Best possible DSO: current (not yet due) AR ÷ credit sales of the period × days of the period. */
    public static Double bestPossibleDso(long currentAr, long sales, int days) {
        return sales <= 0 ? null : (double) currentAr / sales * days;
    }

    /** Average days delinquent: DSO standard − BPDSO. */
    public static Double averageDaysDelinquent(Double dso, Double bpdso) {
        return dso == null || bpdso == null ? null : dso - bpdso;
    }

    /** A weighted mean: Σ(weight × value) ÷ Σ weight (weighted days past due, open or at close). */
    public static Double weightedMean(long weightedSum, long weight) {
        return weight <= 0 ? null : (double) weightedSum / weight;
    }

    /** CEI = (AR start + sales − AR end) ÷ (AR start + sales − current AR end) × 100. */
    public static Double collectionEffectivenessIndex(long arStart, long sales, long arEnd, long currentArEnd) {
        long denominator = arStart + sales - currentArEnd;
        return denominator == 0 ? null : (double) (arStart + sales - arEnd) / denominator * 100;
    }

    /** A plain ratio part ÷ whole, or null when whole is zero. */
    public static Double ratio(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    /** A percentage part ÷ whole × 100, or null when whole is zero. */
    public static Double percent(long part, long whole) {
        return whole == 0 ? null : (double) part / whole * 100;
    }

    /** Agency fee: recovered × basis points ÷ 10,000, rounded half up to whole pesos (no recovery, no fee). */
    public static long agencyFee(long recoveredClp, int feeBps) {
        return Math.floorDiv(recoveredClp * feeBps + 5_000, 10_000);
    }

    /** Cost per invoice worked: (action costs + agency fee) ÷ invoices with at least one action. */
    public static Double costPerInvoice(long actionCostClp, long agencyFeeClp, long invoicesWorked) {
        return invoicesWorked == 0 ? null : (double) (actionCostClp + agencyFeeClp) / invoicesWorked;
    }

    /** Cost to collect: (action costs + agency fee) ÷ amount recovered × 100. */
    public static Double costToCollect(long actionCostClp, long agencyFeeClp, long recoveredClp) {
        return percent(actionCostClp + agencyFeeClp, recoveredClp);
    }

    /** Net recovery for the client: recovered − agency fee − charges passed on. */
    public static long netRecovery(long recoveredClp, long agencyFeeClp, long chargesPassedOnClp) {
        return recoveredClp - agencyFeeClp - chargesPassedOnClp;
    }
}
