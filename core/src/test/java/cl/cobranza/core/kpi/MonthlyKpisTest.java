package cl.cobranza.core.kpi;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The ratios a {@link MonthlyKpis} derives from its sums, on records built by hand. */
class MonthlyKpisTest {
    private static final double EPS = 1e-9;
    private static final String CLIENT = "pyme-1";
    private static final YearMonth MARCH = YearMonth.of(2025, 3);

    /**
     * March 2025, closed month (31 days). AR 500 000 at start + sales 300 000 − credit notes 20 000 −
     * collections 360 000 = 420 000 at end, of which 180 000 current. Two invoices closed: 600 000 at
     * 10 days late and 400 000 at 45 days late. Placed 250 000 at start + 150 000 newly, 100 000
     * recovered; fee 15% of 100 000 = 15 000. 4 promises due, 3 kept; 8 calls/visits, 5 reached the
     * right party; 12 actions costing 46 000 (20 000 of them legal filings) on 4 invoices.
     */
    private static final MonthlyKpis MARCH_KPIS = new MonthlyKpis(CLIENT, MARCH, LocalDate.of(2025, 3, 31), LocalDate.of(2025, 3, 31),
            500_000, 300_000, 20_000, 360_000,          // AR start, sales, credit notes, collected
            420_000, 180_000, 47.5,                     // AR end, current AR end, countback (stored as is)
            2, 1_000_000, 24_000_000,                   // closed invoices, Σ weight, Σ weight × days late
            250_000, 150_000, 100_000,                  // placed at start, newly placed, recovered
            4, 3, 8, 5,                                 // promises due, kept, contact attempts, right party
            12, 46_000, 20_000, 4,                      // actions, action cost, passed on, invoices worked
            15_000, 7);                                 // agency fee, version

    /** A month with no activity at all: every ratio's denominator is 0. */
    private static final MonthlyKpis EMPTY = new MonthlyKpis(CLIENT, MARCH, LocalDate.of(2025, 3, 31), LocalDate.of(2025, 3, 31),
            0, 0, 0, 0, 0, 0, 0.0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);

    @Test
    void daysOfAClosedMonth() {
        // [Mar 1, Mar 31] = 31 days
        assertThat(MARCH_KPIS.days()).isEqualTo(31);
    }

    @Test
    void daysOfAFebruary() {
        // [Feb 1, Feb 28] 2025 = 28; [Feb 1, Feb 29] 2024 = 29
        assertThat(withPeriodEnd(YearMonth.of(2025, 2), LocalDate.of(2025, 2, 28)).days()).isEqualTo(28);
        assertThat(withPeriodEnd(YearMonth.of(2024, 2), LocalDate.of(2024, 2, 29)).days()).isEqualTo(29);
    }

    @Test
    void currentMonthRunsToToday() {
        // current month as of Mar 15: [Mar 1, Mar 15] = 15 days
        MonthlyKpis partial = withPeriodEnd(MARCH, LocalDate.of(2025, 3, 15));
        assertThat(partial.days()).isEqualTo(15);
        // DSO = 420 000 / 300 000 × 15 = 1.4 × 15 = 21; BPDSO = 180 000 / 300 000 × 15 = 0.6 × 15 = 9
        assertThat(partial.dsoStandard()).isCloseTo(21.0, within(EPS));
        assertThat(partial.bestPossibleDso()).isCloseTo(9.0, within(EPS));
        // ADD = 21 − 9 = 12
        assertThat(partial.averageDaysDelinquent()).isCloseTo(12.0, within(EPS));
    }

    @Test
    void dsoStandardBpdsoAndAdd() {
        // DSO = 420 000 / 300 000 × 31 = 1.4 × 31 = 43.4
        assertThat(MARCH_KPIS.dsoStandard()).isCloseTo(43.4, within(EPS));
        // BPDSO = 180 000 / 300 000 × 31 = 0.6 × 31 = 18.6
        assertThat(MARCH_KPIS.bestPossibleDso()).isCloseTo(18.6, within(EPS));
        // ADD = 43.4 − 18.6 = 24.8
        assertThat(MARCH_KPIS.averageDaysDelinquent()).isCloseTo(24.8, within(EPS));
    }

    @Test
    void cei() {
        // (500 000 + 300 000 − 420 000) / (500 000 + 300 000 − 180 000) × 100 = 380 000 / 620 000 × 100
        //   = 19/31 × 100 = 1 900/31 = 61.290322…
        assertThat(MARCH_KPIS.cei()).isCloseTo(1_900.0 / 31, within(EPS));
    }

    @Test
    void weightedDpdAtClose() {
        // (600 000 × 10 + 400 000 × 45) / (600 000 + 400 000) = 24 000 000 / 1 000 000 = 24
        assertThat(MARCH_KPIS.weightedDpdAtClose()).isCloseTo(24.0, within(EPS));
    }

    @Test
    void periodRecoveryRate() {
        // 100 000 / (250 000 + 150 000) = 100 000 / 400 000 = 0.25
        assertThat(MARCH_KPIS.periodRecoveryRate()).isCloseTo(0.25, within(EPS));
    }

    @Test
    void promiseKeptAndRightPartyContactRates() {
        // 3 / 4 = 0.75
        assertThat(MARCH_KPIS.promiseKeptRate()).isCloseTo(0.75, within(EPS));
        // 5 / 8 = 0.625
        assertThat(MARCH_KPIS.rightPartyContactRate()).isCloseTo(0.625, within(EPS));
    }

    @Test
    void costs() {
        // fee: 100 000 × 1 500 bps / 10 000 = 15 000 (the record carries it; it matches the formula)
        assertThat(Formulas.agencyFee(MARCH_KPIS.recoveredClp(), 1_500)).isEqualTo(MARCH_KPIS.agencyFeeClp());
        // cost per invoice = (46 000 + 15 000) / 4 = 15 250
        assertThat(MARCH_KPIS.costPerInvoice()).isCloseTo(15_250.0, within(EPS));
        // cost to collect = (46 000 + 15 000) / 100 000 × 100 = 61
        assertThat(MARCH_KPIS.costToCollectPct()).isCloseTo(61.0, within(EPS));
        // net recovery = 100 000 − 15 000 − 20 000 = 65 000
        assertThat(MARCH_KPIS.netRecoveryClp()).isEqualTo(65_000);
    }

    @Test
    void everyRatioIsNullWithoutADenominator() {
        // sales 0 → DSO, BPDSO, ADD null; AR start + sales − current AR end = 0 → CEI null
        assertThat(EMPTY.dsoStandard()).isNull();
        assertThat(EMPTY.bestPossibleDso()).isNull();
        assertThat(EMPTY.averageDaysDelinquent()).isNull();
        assertThat(EMPTY.cei()).isNull();
        // no closed weight, nothing placed, no promise due, no attempt, no invoice worked, nothing recovered
        assertThat(EMPTY.weightedDpdAtClose()).isNull();
        assertThat(EMPTY.periodRecoveryRate()).isNull();
        assertThat(EMPTY.promiseKeptRate()).isNull();
        assertThat(EMPTY.rightPartyContactRate()).isNull();
        assertThat(EMPTY.costPerInvoice()).isNull();
        assertThat(EMPTY.costToCollectPct()).isNull();
        // 0 − 0 − 0 = 0
        assertThat(EMPTY.netRecoveryClp()).isZero();
    }

    @Test
    void noSalesButOpenAr() {
        // a month without sales: AR start 300 000, collected 100 000 → AR end 200 000, 50 000 current
        MonthlyKpis m = new MonthlyKpis(CLIENT, MARCH, LocalDate.of(2025, 3, 31), LocalDate.of(2025, 3, 31),
                300_000, 0, 0, 100_000, 200_000, 50_000, 0.0,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
        assertThat(m.dsoStandard()).isNull();
        assertThat(m.bestPossibleDso()).isNull();
        assertThat(m.averageDaysDelinquent()).isNull();
        // CEI still defined: (300 000 + 0 − 200 000) / (300 000 + 0 − 50 000) × 100 = 100 000 / 250 000 × 100 = 40
        assertThat(m.cei()).isCloseTo(40.0, within(EPS));
    }

    @Test
    void legalFilingWithoutRecoveryGivesNegativeNetRecovery() {
        // a 180 000 court filing passed on, nothing recovered yet: 0 − 0 − 180 000 = −180 000; cost to collect null
        MonthlyKpis m = new MonthlyKpis(CLIENT, MARCH, LocalDate.of(2025, 3, 31), LocalDate.of(2025, 3, 31),
                0, 0, 0, 0, 0, 0, 0.0, 0, 0, 0,
                200_000, 0, 0, 0, 0, 0, 0, 1, 180_000, 180_000, 1, 0, 1);
        assertThat(m.netRecoveryClp()).isEqualTo(-180_000);
        assertThat(m.costToCollectPct()).isNull();
        // cost per invoice = (180 000 + 0) / 1 = 180 000; recovery rate 0 / 200 000 = 0
        assertThat(m.costPerInvoice()).isCloseTo(180_000.0, within(EPS));
        assertThat(m.periodRecoveryRate()).isZero();
    }

    @Test
    void withVersionKeepsEverythingElse() {
        MonthlyKpis v8 = MARCH_KPIS.withVersion(8);
        assertThat(v8.version()).isEqualTo(8);
        assertThat(v8).isEqualTo(new MonthlyKpis(CLIENT, MARCH, LocalDate.of(2025, 3, 31), LocalDate.of(2025, 3, 31),
                500_000, 300_000, 20_000, 360_000, 420_000, 180_000, 47.5,
                2, 1_000_000, 24_000_000, 250_000, 150_000, 100_000,
                4, 3, 8, 5, 12, 46_000, 20_000, 4, 15_000, 8));
    }

    private static MonthlyKpis withPeriodEnd(YearMonth month, LocalDate periodEnd) {
        return new MonthlyKpis(CLIENT, month, periodEnd, periodEnd,
                500_000, 300_000, 20_000, 360_000, 420_000, 180_000, 0.0,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
    }
}
