package cl.cobranza.benchmarks;

import cl.cobranza.core.kpi.DailyKpis;
import cl.cobranza.core.kpi.Formulas;
import cl.cobranza.core.kpi.MonthlyKpis;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The KPI arithmetic of {@link Formulas} on the sums of a pyme with about $60M of monthly credit sales and $150M open
 * (DSO around 75 days: the countback walks into the third month back). Inputs live in non-final fields of the
 * state, so the JIT cannot fold them into constants.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FormulasBenchmark {
    private long ar;
    private long[] sales;
    private int[] days;
    private LocalDate asOf;
    private long monthToDate;
    private Map<YearMonth, Long> salesByMonth;
    private long arStart;
    private long periodSales;
    private long arEnd;
    private long currentArEnd;
    private long recovered;
    private long placed;
    private long overdueClpDays;
    private long overdue;
    private MonthlyKpis month;
    private DailyKpis day;

    @Setup
    public void setUp() {
        asOf = Histories.TODAY;
        ar = 150_000_000;
        sales = new long[Formulas.COUNTBACK_PERIODS];
        days = new int[Formulas.COUNTBACK_PERIODS];
        salesByMonth = new HashMap<>();
        monthToDate = 8_000_000;
        sales[0] = monthToDate;
        days[0] = asOf.getDayOfMonth();
        YearMonth m = YearMonth.from(asOf);
        for (int k = 1; k < sales.length; k++) {
            YearMonth previous = m.minusMonths(k);
            sales[k] = 55_000_000 + 1_000_000L * (k % 7);
            days[k] = previous.lengthOfMonth();
            salesByMonth.put(previous, sales[k]);
        }
        arStart = 148_000_000;
        periodSales = 61_000_000;
        arEnd = 150_000_000;
        currentArEnd = 95_000_000;
        recovered = 31_000_000;
        placed = 52_000_000;
        overdue = 55_000_000;
        overdueClpDays = overdue * 23;
        month = new MonthlyKpis(Histories.CLIENT, YearMonth.of(2026, 11), LocalDate.of(2026, 11, 30), asOf, arStart,
                periodSales, 1_200_000, 58_000_000, arEnd, currentArEnd, 74.5, 410, 57_000_000, 57_000_000L * 9,
                40_000_000, placed, recovered, 120, 83, 900, 380, 1_400, 2_100_000, 180_000, 520,
                Formulas.agencyFee(recovered, 1_500), 0);
        day = new DailyKpis(Histories.CLIENT, asOf, arEnd, 1_800, overdue, 640,
                new long[] {95_000_000, 30_000_000, 12_000_000, 6_000_000, 3_000_000, 4_000_000}, overdueClpDays,
                2_000_000, 0, 1_900_000, 180_000_000, 74.5, 0);
    }

    /** DSO countback over the 36 periods as arrays (what the ledger's daily rows call). */
    @Benchmark
    public double dsoCountbackArrays() {
        return Formulas.dsoCountback(ar, sales, days);
    }

    /** DSO countback from an as-of day and a month → sales map (builds the 36 periods, then walks them). */
    @Benchmark
    public double dsoCountbackCalendar() {
        return Formulas.dsoCountback(ar, asOf, monthToDate, salesByMonth);
    }

    @Benchmark
    public Double cei() {
        return Formulas.collectionEffectivenessIndex(arStart, periodSales, arEnd, currentArEnd);
    }

    @Benchmark
    public Double recoveryRate() {
        return Formulas.ratio(recovered, placed);
    }

    @Benchmark
    public Double weightedDaysPastDue() {
        return Formulas.weightedMean(overdueClpDays, overdue);
    }

    /** Every ratio of one monthly row, as the API and roll-ups read it (11 formulas). */
    @Benchmark
    public void monthlyRowRatios(Blackhole bh) {
        bh.consume(month.dsoStandard());
        bh.consume(month.bestPossibleDso());
        bh.consume(month.averageDaysDelinquent());
        bh.consume(month.cei());
        bh.consume(month.weightedDpdAtClose());
        bh.consume(month.periodRecoveryRate());
        bh.consume(month.promiseKeptRate());
        bh.consume(month.rightPartyContactRate());
        bh.consume(month.costPerInvoice());
        bh.consume(month.costToCollectPct());
        bh.consume(month.netRecoveryClp());
    }

    /** Every ratio of one daily row (weighted DPD, DSO standard, BPDSO, ADD). */
    @Benchmark
    public void dailyRowRatios(Blackhole bh) {
        bh.consume(day.weightedDpd());
        bh.consume(day.dsoStandard());
        bh.consume(day.bestPossibleDso());
        bh.consume(day.averageDaysDelinquent());
    }
}
