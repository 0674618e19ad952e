package cl.cobranza.core.kpi;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.YearMonth;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Every expectation is worked out by hand in the comment next to it (docs/kpis.md is the rule). */
class FormulasTest {
    private static final double EPS = 1e-9;

    @Nested
    class DsoCountback {

        @Test
        void workedExampleFromTheDocs() {
            // AR 212 000; sales 100 000 / 80 000 / 70 000, 30-day months:
            // 212 000 − 100 000 = 112 000 (30 days); 112 000 − 80 000 = 32 000 (60 days);
            // 32 000 < 70 000 → 60 + 32 000 / 70 000 × 30 = 60 + 96/7 = 516/7 = 73.714285714…
            double dso = Formulas.dsoCountback(212_000, new long[] {100_000, 80_000, 70_000}, new int[] {30, 30, 30});
            assertThat(dso).isCloseTo(516.0 / 7, within(EPS));
            // docs/kpis.md shows it as 73.71
            assertThat(Math.round(dso * 100) / 100.0).isEqualTo(73.71);
        }

        @Test
        void monthsOfDifferentLengths() {
            // as of 2025-03-31: period 0 = March (31 days), 1 = February 2025 (28), 2 = January (31)
            // AR 250 000: − 90 000 = 160 000 (31); − 70 000 = 90 000 (31 + 28 = 59);
            // 90 000 < 124 000 → 59 + 90 000 / 124 000 × 31 = 59 + 90 000 / 4 000 = 59 + 22.5 = 81.5
            double dso = Formulas.dsoCountback(250_000, new long[] {90_000, 70_000, 124_000}, new int[] {31, 28, 31});
            assertThat(dso).isCloseTo(81.5, within(EPS));
        }

        @Test
        void monthToDateCountsOnlyTheDaysElapsed() {
            // as of 2025-03-10: period 0 = Mar 1..10 (10 days), 1 = Feb 2025 (28), 2 = Jan (31)
            // AR 100 000: − 20 000 = 80 000 (10); − 56 000 = 24 000 (10 + 28 = 38);
            // 24 000 < 62 000 → 38 + 24 000 / 62 000 × 31 = 38 + 24 000 / 2 000 = 38 + 12 = 50
            double dso = Formulas.dsoCountback(100_000, new long[] {20_000, 56_000, 62_000}, new int[] {10, 28, 31});
            assertThat(dso).isCloseTo(50.0, within(EPS));
        }

        @Test
        void leapFebruaryHas29Days() {
            // as of 2024-03-31: March (31), February 2024 (29), January (31)
            // AR 58 000: − 29 000 = 29 000 (31); − 29 000 = 0 (31 + 29 = 60) → stop: 60
            double dso = Formulas.dsoCountback(58_000, new long[] {29_000, 29_000, 31_000}, new int[] {31, 29, 31});
            assertThat(dso).isCloseTo(60.0, within(EPS));
        }

        @Test
        void fractionOfTheFirstPeriod() {
            // AR 25 000 < March sales 100 000 → 25 000 / 100 000 × 31 = 7.75
            double dso = Formulas.dsoCountback(25_000, new long[] {100_000, 80_000}, new int[] {31, 28});
            assertThat(dso).isCloseTo(7.75, within(EPS));
        }

        @Test
        void arExactlyEqualToAMonthsSalesStopsThere() {
            // AR 180 000: − 100 000 = 80 000 (30); 80 000 ≤ 80 000 → 0 (60); remaining 0 → stop.
            // The following zero-sales months (0 ≤ 0) must not add their 31 + 30 days: 60, not 121.
            double dso = Formulas.dsoCountback(180_000,
                    new long[] {100_000, 80_000, 0, 0, 70_000}, new int[] {30, 30, 31, 30, 31});
            assertThat(dso).isCloseTo(60.0, within(EPS));
        }

        @Test
        void arExactlyEqualToTheMonthToDateSales() {
            // AR 100 000 = period 0 sales → 0 remaining after 17 days; the empty previous month (28) is not added: 17
            double dso = Formulas.dsoCountback(100_000, new long[] {100_000, 0, 50_000}, new int[] {17, 28, 31});
            assertThat(dso).isCloseTo(17.0, within(EPS));
        }

        @Test
        void zeroSalesMonthsInsideTheWalkAddTheirWholeDays() {
            // AR 150 000: − 100 000 = 50 000 (30); 0 ≤ 50 000 → +31 = 61; 0 ≤ 50 000 → +30 = 91;
            // 50 000 < 100 000 → 91 + 50 000 / 100 000 × 31 = 91 + 15.5 = 106.5
            double dso = Formulas.dsoCountback(150_000,
                    new long[] {100_000, 0, 0, 100_000}, new int[] {30, 31, 30, 31});
            assertThat(dso).isCloseTo(106.5, within(EPS));
        }

        @Test
        void zeroSalesMonthToDate() {
            // as of the 5th with no sales yet this month: 0 ≤ 60 000 → 5; 60 000 ≤ 60 000 → 0 (5 + 30 = 35)
            double dso = Formulas.dsoCountback(60_000, new long[] {0, 60_000, 90_000}, new int[] {5, 30, 31});
            assertThat(dso).isCloseTo(35.0, within(EPS));
        }

        @Test
        void zeroArIsZeroDays() {
            // remaining 0 before the first period → 0
            assertThat(Formulas.dsoCountback(0, new long[] {100_000, 80_000}, new int[] {30, 31})).isZero();
            // even when there are no sales at all (0 ≤ 0 must not add days)
            assertThat(Formulas.dsoCountback(0, new long[] {0, 0, 0}, new int[] {30, 31, 30})).isZero();
            // and with no history
            assertThat(Formulas.dsoCountback(0, new long[0], new int[0])).isZero();
        }

        @Test
        void unexplainedAfter36PeriodsIsTheFloorOfTheDaysCounted() {
            // 40 periods of 30 days: the first 36 sell 1 000 each, periods 36..39 sell 1 000 000 each.
            // AR 100 000: after 36 periods remaining = 100 000 − 36 × 1 000 = 64 000 > 0, but the walk stops:
            // 36 × 30 = 1 080 (periods 36..39 are beyond the limit and must not be read)
            long[] sales = new long[40];
            int[] days = new int[40];
            Arrays.fill(sales, 0, 36, 1_000);
            Arrays.fill(sales, 36, 40, 1_000_000);
            Arrays.fill(days, 30);
            assertThat(Formulas.COUNTBACK_PERIODS).isEqualTo(36);
            assertThat(Formulas.dsoCountback(100_000, sales, days)).isCloseTo(1_080.0, within(EPS));
        }

        @Test
        void explainedExactlyInThe36thPeriod() {
            // 36 periods of 1 000 and 30 days, AR 36 000 → every period consumed whole: 36 × 30 = 1 080
            long[] sales = new long[36];
            int[] days = new int[36];
            Arrays.fill(sales, 1_000);
            Arrays.fill(days, 30);
            assertThat(Formulas.dsoCountback(36_000, sales, days)).isCloseTo(1_080.0, within(EPS));
        }

        @Test
        void noSalesForThreeYearsOfRealMonths() {
            // as of 2025-12-31 the 36 periods are Dec 2025 back to Jan 2023, all without sales:
            // 365 (2023) + 366 (2024, leap) + 365 (2025) = 1 096 days
            long[] sales = new long[36];
            int[] days = new int[36];
            YearMonth m = YearMonth.of(2025, 12);
            for (int k = 0; k < 36; k++) {
                days[k] = m.minusMonths(k).lengthOfMonth();
            }
            assertThat(Formulas.dsoCountback(5_000, sales, days)).isCloseTo(1_096.0, within(EPS));
        }

        @Test
        void shorterHistoryThanTheLimitIsAlsoAFloor() {
            // 3 periods of 30 days selling 10 000 each; AR 1 000 000 is never explained → 3 × 30 = 90
            double dso = Formulas.dsoCountback(1_000_000, new long[] {10_000, 10_000, 10_000}, new int[] {30, 30, 30});
            assertThat(dso).isCloseTo(90.0, within(EPS));
        }

        @Test
        void byCalendarMonthsAsOfADay() {
            // as of 2025-03-10: period 0 = Mar 1..10 (10 days, 20 000), February 2025 (28, 56 000), January (31,
            // 62 000); AR 100 000 → 10 + 28 + 24 000 / 62 000 × 31 = 38 + 12 = 50. The map's March entry (the
            // whole month) is ignored: period 0 is the month to date passed separately.
            double dso = Formulas.dsoCountback(100_000, java.time.LocalDate.of(2025, 3, 10), 20_000,
                    java.util.Map.of(YearMonth.of(2025, 3), 999_999L, YearMonth.of(2025, 2), 56_000L,
                            YearMonth.of(2025, 1), 62_000L));
            assertThat(dso).isCloseTo(50.0, within(EPS));
        }

        @Test
        void byCalendarMonthsWalksAtMost36Periods() {
            // no sales at all as of 2025-02-28: every one of the 36 periods is counted whole: Feb 2025 back to
            // Mar 2022 = 3 years, one of them with 29 February 2024 = 3 × 365 + 1 = 1 096 days
            double dso = Formulas.dsoCountback(1, java.time.LocalDate.of(2025, 2, 28), 0, java.util.Map.of());
            assertThat(dso).isCloseTo(1_096.0, within(EPS));
        }

        @Test
        void oneDayCountPerSalesPeriod() {
            assertThatThrownBy(() -> Formulas.dsoCountback(1_000, new long[] {1, 2}, new int[] {30}))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class DsoStandardBpdsoAdd {

        @Test
        void trailing90Days() {
            // DSO = 1 500 000 / 4 500 000 × 90 = 1/3 × 90 = 30
            Double dso = Formulas.dsoStandard(1_500_000, 4_500_000, 90);
            // BPDSO = 900 000 / 4 500 000 × 90 = 0.2 × 90 = 18
            Double bpdso = Formulas.bestPossibleDso(900_000, 4_500_000, 90);
            assertThat(dso).isCloseTo(30.0, within(EPS));
            assertThat(bpdso).isCloseTo(18.0, within(EPS));
            // ADD = 30 − 18 = 12
            assertThat(Formulas.averageDaysDelinquent(dso, bpdso)).isCloseTo(12.0, within(EPS));
        }

        @Test
        void monthOf31Days() {
            // DSO = 420 000 / 300 000 × 31 = 1.4 × 31 = 43.4; BPDSO = 180 000 / 300 000 × 31 = 0.6 × 31 = 18.6
            assertThat(Formulas.dsoStandard(420_000, 300_000, 31)).isCloseTo(43.4, within(EPS));
            assertThat(Formulas.bestPossibleDso(180_000, 300_000, 31)).isCloseTo(18.6, within(EPS));
            // ADD = 43.4 − 18.6 = 24.8
            assertThat(Formulas.averageDaysDelinquent(43.4, 18.6)).isCloseTo(24.8, within(EPS));
        }

        @Test
        void zeroArIsZeroNotNull() {
            // 0 / 250 000 × 90 = 0
            assertThat(Formulas.dsoStandard(0, 250_000, 90)).isZero();
            assertThat(Formulas.bestPossibleDso(0, 250_000, 90)).isZero();
        }

        @Test
        void nullWhenThereAreNoSales() {
            // denominator (sales) 0 → null, whatever the AR
            assertThat(Formulas.dsoStandard(500_000, 0, 90)).isNull();
            assertThat(Formulas.bestPossibleDso(200_000, 0, 90)).isNull();
            assertThat(Formulas.dsoStandard(0, 0, 31)).isNull();
            assertThat(Formulas.averageDaysDelinquent(null, null)).isNull();
            assertThat(Formulas.averageDaysDelinquent(30.0, null)).isNull();
            assertThat(Formulas.averageDaysDelinquent(null, 18.0)).isNull();
        }
    }

    @Nested
    class Cei {

        @Test
        void typicalPeriod() {
            // (1 000 000 + 600 000 − 700 000) / (1 000 000 + 600 000 − 400 000) × 100 = 900 000 / 1 200 000 × 100 = 75
            assertThat(Formulas.collectionEffectivenessIndex(1_000_000, 600_000, 700_000, 400_000))
                    .isCloseTo(75.0, within(EPS));
        }

        @Test
        void everythingOverdueCollectedIs100() {
            // AR end all current: (500 000 + 300 000 − 200 000) / (500 000 + 300 000 − 200 000) × 100 = 100
            assertThat(Formulas.collectionEffectivenessIndex(500_000, 300_000, 200_000, 200_000))
                    .isCloseTo(100.0, within(EPS));
        }

        @Test
        void nothingCollectedIsZero() {
            // AR end = AR start + sales: (400 000 + 100 000 − 500 000) / (500 000 − 150 000) × 100 = 0 / 350 000 = 0
            assertThat(Formulas.collectionEffectivenessIndex(400_000, 100_000, 500_000, 150_000)).isZero();
        }

        @Test
        void nullWhenTheDenominatorIsZero() {
            // 0 + 0 − 0 = 0
            assertThat(Formulas.collectionEffectivenessIndex(0, 0, 0, 0)).isNull();
            // 100 000 + 50 000 − 150 000 = 0 (all AR at end is current)
            assertThat(Formulas.collectionEffectivenessIndex(100_000, 50_000, 150_000, 150_000)).isNull();
        }
    }

    @Nested
    class Ratios {

        @Test
        void weightedMean() {
            // 200 000 × 10 + 100 000 × 40 = 6 000 000; 6 000 000 / 300 000 = 20
            assertThat(Formulas.weightedMean(6_000_000, 300_000)).isCloseTo(20.0, within(EPS));
            // 100 × 1 + 300 × 2 = 700; 700 / 400 = 1.75
            assertThat(Formulas.weightedMean(700, 400)).isCloseTo(1.75, within(EPS));
            // no weight → null
            assertThat(Formulas.weightedMean(0, 0)).isNull();
        }

        @Test
        void ratioAndPercent() {
            // 1 / 4 = 0.25; 1 / 8 × 100 = 12.5
            assertThat(Formulas.ratio(1, 4)).isCloseTo(0.25, within(EPS));
            assertThat(Formulas.percent(1, 8)).isCloseTo(12.5, within(EPS));
            // 0 / 7 = 0, not null
            assertThat(Formulas.ratio(0, 7)).isZero();
            assertThat(Formulas.percent(0, 7)).isZero();
            assertThat(Formulas.ratio(5, 0)).isNull();
            assertThat(Formulas.percent(5, 0)).isNull();
        }
    }

    @Nested
    class Cost {

        @ParameterizedTest(name = "{0} CLP × {1} bps -> {2}")
        @CsvSource(delimiter = '|', value = {
                // 1 234 567 × 15% = 185 185.05 → 185 185
                "1234567 | 1500  | 185185",
                // 10 × 15% = 1.5 → 2 (half up)
                "10      | 1500  | 2",
                // no recovery, no fee
                "0       | 1500  | 0",
                // 3 × 15% = 0.45 → 0
                "3       | 1500  | 0",
                // 7 × 15% = 1.05 → 1
                "7       | 1500  | 1",
                // 1 × 50% = 0.5 → 1 (half up)
                "1       | 5000  | 1",
                // 1 × 49.99% = 0.4999 → 0
                "1       | 4999  | 0",
                // 33 333 × 15% = 4 999.95 → 5 000
                "33333   | 1500  | 5000",
                // 999 × 12.5% = 124.875 → 125
                "999     | 1250  | 125",
                // 100 000 × 15% = 15 000 exactly
                "100000  | 1500  | 15000",
                // 0% and 100%
                "100000  | 0     | 0",
                "100000  | 10000 | 100000",
        })
        void agencyFeeRoundsHalfUpToWholePesos(long recovered, int bps, long expected) {
            assertThat(Formulas.agencyFee(recovered, bps)).isEqualTo(expected);
        }

        @Test
        void costPerInvoice() {
            // (46 000 + 15 000) / 4 = 61 000 / 4 = 15 250
            assertThat(Formulas.costPerInvoice(46_000, 15_000, 4)).isCloseTo(15_250.0, within(EPS));
            // (10 000 + 0) / 3 = 3 333.333…
            assertThat(Formulas.costPerInvoice(10_000, 0, 3)).isCloseTo(10_000.0 / 3, within(EPS));
            // no invoice worked → null
            assertThat(Formulas.costPerInvoice(46_000, 15_000, 0)).isNull();
        }

        @Test
        void costToCollect() {
            // (46 000 + 15 000) / 100 000 × 100 = 61
            assertThat(Formulas.costToCollect(46_000, 15_000, 100_000)).isCloseTo(61.0, within(EPS));
            // costs above the recovery: (180 000 + 3 000) / 20 000 × 100 = 915
            assertThat(Formulas.costToCollect(180_000, 3_000, 20_000)).isCloseTo(915.0, within(EPS));
            // nothing recovered → null
            assertThat(Formulas.costToCollect(46_000, 0, 0)).isNull();
        }

        @Test
        void netRecovery() {
            // 100 000 − 15 000 − 20 000 = 65 000
            assertThat(Formulas.netRecovery(100_000, 15_000, 20_000)).isEqualTo(65_000);
            // 1 234 567 − 185 185 − 0 = 1 049 382
            assertThat(Formulas.netRecovery(1_234_567, 185_185, 0)).isEqualTo(1_049_382);
            // a legal filing with no recovery yet: 0 − 0 − 180 000 = −180 000 (not clamped)
            assertThat(Formulas.netRecovery(0, 0, 180_000)).isEqualTo(-180_000);
        }
    }
}
