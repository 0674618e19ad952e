package cl.cobranza.core.kpi;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Group rows from two clients, checked against sums and ratios computed by hand: the group's ratios
 * come from the summed components, so they differ from the average of the clients' ratios.
 */
class RollupTest {
    private static final double EPS = 1e-9;
    private static final String GROUP = "norte";
    private static final LocalDate MAR_30 = LocalDate.of(2025, 3, 30);
    private static final LocalDate MAR_31 = LocalDate.of(2025, 3, 31);
    private static final YearMonth DEC = YearMonth.of(2024, 12);
    private static final YearMonth JAN = YearMonth.of(2025, 1);
    private static final YearMonth FEB = YearMonth.of(2025, 2);
    private static final YearMonth MARCH = YearMonth.of(2025, 3);

    /**
     * The group's credit sales: client A sold 100 000 in January, 200 000 in February and 200 000 in March
     * (to the 31st); client B 200 000 in December, 400 000 in February and 100 000 in March.
     */
    private static final Map<YearMonth, Long> GROUP_SALES = Map.of(DEC, 200_000L, JAN, 100_000L, FEB, 600_000L);

    /** A on Mar 31: open 300 000 (100 000 overdue, 10 days on average), sold 50 000 that day; own countback 45. */
    private static final DailyKpis A_DAY = new DailyKpis("a", MAR_31, 300_000, 3, 100_000, 1,
            new long[] {200_000, 100_000, 0, 0, 0, 0}, 1_000_000, 50_000, 5_000, 20_000, 500_000, 45.0, 7);
    /** B on Mar 31: open 500 000 (300 000 overdue, 40 days on average); own countback 59. */
    private static final DailyKpis B_DAY = new DailyKpis("b", MAR_31, 500_000, 4, 300_000, 2,
            new long[] {200_000, 0, 300_000, 0, 0, 0}, 12_000_000, 0, 0, 70_000, 500_000, 59.0, 9);

    private static MonthlyKpis month(String client, YearMonth m, LocalDate periodEnd, LocalDate asOf,
                                     long arStart, long sales, long arEnd, long currentArEnd, double countback,
                                     long closed, long closedWeight, long closedWeightDays,
                                     long placedStart, long newlyPlaced, long recovered,
                                     long promisesDue, long promisesKept, long attempts, long rightParty,
                                     long actions, long actionCost, long passedOn, long worked, long fee) {
        return new MonthlyKpis(client, m, periodEnd, asOf, arStart, sales, 1_000, 2_000, arEnd, currentArEnd,
                countback, closed, closedWeight, closedWeightDays, placedStart, newlyPlaced, recovered, promisesDue,
                promisesKept, attempts, rightParty, actions, actionCost, passedOn, worked, fee, 3);
    }

    /** A in March: CEI (250 000 + 200 000 − 300 000) ÷ (250 000 + 200 000 − 200 000) = 60 %; recovery 50 000 ÷ 100 000. */
    private static final MonthlyKpis A_MARCH = month("a", MARCH, MAR_31, LocalDate.of(2025, 4, 5),
            250_000, 200_000, 300_000, 200_000, 45.0, 1, 100_000, 500_000, 80_000, 20_000, 50_000,
            2, 2, 4, 1, 5, 10_000, 0, 2, 7_500);
    /** B in March: CEI (600 000 + 100 000 − 500 000) ÷ (600 000 + 100 000 − 200 000) = 40 %; recovery 100 000 ÷ 400 000. */
    private static final MonthlyKpis B_MARCH = month("b", MARCH, MAR_31, LocalDate.of(2025, 4, 2),
            600_000, 100_000, 500_000, 200_000, 59.0, 2, 300_000, 9_000_000, 250_000, 150_000, 100_000,
            3, 0, 6, 3, 10, 30_000, 5_000, 4, 15_000);

    @Nested
    class Daily {
        @Test
        void sumsTheComponents() {
            DailyKpis g = Rollup.daily(GROUP, List.of(A_DAY, B_DAY), 300_000, GROUP_SALES);
            assertThat(g.clientId()).isEqualTo(GROUP);
            assertThat(g.day()).isEqualTo(MAR_31);
            // 300 000 + 500 000; 100 000 + 300 000; 3 + 4 and 1 + 2 invoices
            assertThat(g.openClp()).isEqualTo(800_000);
            assertThat(g.overdueClp()).isEqualTo(400_000);
            assertThat(g.openInvoices()).isEqualTo(7);
            assertThat(g.overdueInvoices()).isEqualTo(3);
            assertThat(g.agingClp()).containsExactly(400_000, 100_000, 300_000, 0, 0, 0);
            assertThat(g.overdueClpDays()).isEqualTo(13_000_000);
            assertThat(g.salesClp()).isEqualTo(50_000);
            assertThat(g.creditNotesClp()).isEqualTo(5_000);
            assertThat(g.collectedClp()).isEqualTo(90_000);
            assertThat(g.sales90Clp()).isEqualTo(1_000_000);
            assertThat(g.version()).isEqualTo(9);
        }

        @Test
        void ratiosComeFromTheSumsNotFromAverages() {
            DailyKpis g = Rollup.daily(GROUP, List.of(A_DAY, B_DAY), 300_000, GROUP_SALES);
            // (1 000 000 + 12 000 000) ÷ 400 000 = 32.5 days, not (10 + 40) ÷ 2 = 25
            assertThat(g.weightedDpd()).isCloseTo(32.5, within(EPS));
            // DSO standard 800 000 ÷ 1 000 000 × 90 = 72; BPDSO 400 000 ÷ 1 000 000 × 90 = 36; ADD 36
            assertThat(g.dsoStandard()).isCloseTo(72.0, within(EPS));
            assertThat(g.bestPossibleDso()).isCloseTo(36.0, within(EPS));
            assertThat(g.averageDaysDelinquent()).isCloseTo(36.0, within(EPS));
        }

        @Test
        void countbackIsWalkedOnTheGroupsArAndSales() {
            DailyKpis g = Rollup.daily(GROUP, List.of(A_DAY, B_DAY), 300_000, GROUP_SALES);
            // AR 800 000: March to date 300 000 → 500 000 left, 31 days; February 600 000 > 500 000 →
            // 31 + 500 000 ÷ 600 000 × 28 = 31 + 23.333… = 54.333…, not (45 + 59) ÷ 2 = 52
            assertThat(g.dsoCountback()).isCloseTo(31 + 500_000.0 / 600_000 * 28, within(EPS));
        }

        @Test
        void countbackOnAnEarlierDayUsesThatDaysMonthToDate() {
            DailyKpis a = new DailyKpis("a", MAR_30, 320_000, 3, 100_000, 1, new long[] {220_000, 100_000, 0, 0, 0, 0},
                    900_000, 0, 0, 0, 450_000, 40.0, 7);
            DailyKpis b = new DailyKpis("b", MAR_30, 500_000, 4, 300_000, 2, new long[] {200_000, 0, 300_000, 0, 0, 0},
                    11_700_000, 0, 0, 0, 500_000, 60.0, 7);
            // AR 820 000: March 1–30 sales 250 000 → 570 000 left, 30 days; February 600 000 > 570 000 →
            // 30 + 570 000 ÷ 600 000 × 28 = 30 + 26.6 = 56.6
            DailyKpis g = Rollup.daily(GROUP, List.of(a, b), 250_000, GROUP_SALES);
            assertThat(g.dsoCountback()).isCloseTo(56.6, within(EPS));
        }

        @Test
        void oneClientGivesItsOwnRowBack() {
            // A alone: AR 300 000, March 200 000 → 100 000 left (31 days); February 200 000 → 31 + 0.5 × 28 = 45
            DailyKpis g = Rollup.daily(GROUP, List.of(A_DAY), 200_000, Map.of(JAN, 100_000L, FEB, 200_000L));
            assertThat(g.dsoCountback()).isCloseTo(A_DAY.dsoCountback(), within(EPS));
            assertThat(g.weightedDpd()).isCloseTo(A_DAY.weightedDpd(), within(EPS));
        }

        @Test
        void agingOfDifferentEdgesIsRefused() {
            DailyKpis fiveBuckets = new DailyKpis("c", MAR_31, 100_000, 1, 0, 0, new long[] {100_000, 0, 0, 0, 0},
                    0, 0, 0, 0, 0, 0, 1);
            assertThatThrownBy(() -> Rollup.daily(GROUP, List.of(A_DAY, fiveBuckets), 300_000, GROUP_SALES))
                    .isInstanceOf(Rollup.IncompatibleRowsException.class)
                    .hasMessageContaining("a has 6 aging buckets")
                    .hasMessageContaining("c has 5")
                    .hasMessageContaining("same edges");
        }

        @Test
        void rowsOfDifferentDaysAreRefused() {
            DailyKpis earlier = new DailyKpis("b", MAR_30, 1, 1, 0, 0, new long[6], 0, 0, 0, 0, 0, 0, 1);
            assertThatThrownBy(() -> Rollup.daily(GROUP, List.of(A_DAY, earlier), 300_000, GROUP_SALES))
                    .isInstanceOf(Rollup.IncompatibleRowsException.class).hasMessageContaining("2025-03-30");
        }

        @Test
        void aClientTwiceIsRefused() {
            assertThatThrownBy(() -> Rollup.daily(GROUP, List.of(A_DAY, A_DAY), 300_000, GROUP_SALES))
                    .isInstanceOf(Rollup.IncompatibleRowsException.class).hasMessageContaining("appears twice");
        }

        @Test
        void monthToDateBelowTheDaysSalesIsRefused() {
            assertThatThrownBy(() -> Rollup.daily(GROUP, List.of(A_DAY, B_DAY), 10_000, GROUP_SALES))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2025-03-01 to 2025-03-31");
        }

        @Test
        void noRowsIsRefused() {
            assertThatThrownBy(() -> Rollup.daily(GROUP, List.of(), 0, Map.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no rows");
        }
    }

    @Nested
    class Monthly {
        @Test
        void sumsTheComponents() {
            MonthlyKpis g = Rollup.monthly(GROUP, List.of(A_MARCH, B_MARCH), GROUP_SALES);
            assertThat(g.clientId()).isEqualTo(GROUP);
            assertThat(g.month()).isEqualTo(MARCH);
            assertThat(g.periodEnd()).isEqualTo(MAR_31);
            // the later of the two computations
            assertThat(g.asOf()).isEqualTo(LocalDate.of(2025, 4, 5));
            assertThat(g.arStartClp()).isEqualTo(850_000);
            assertThat(g.salesClp()).isEqualTo(300_000);
            assertThat(g.creditNotesClp()).isEqualTo(2_000);
            assertThat(g.collectedClp()).isEqualTo(4_000);
            assertThat(g.arEndClp()).isEqualTo(800_000);
            assertThat(g.currentArEndClp()).isEqualTo(400_000);
            assertThat(g.closedInvoices()).isEqualTo(3);
            assertThat(g.closedWeightClp()).isEqualTo(400_000);
            assertThat(g.closedWeightClpDays()).isEqualTo(9_500_000);
            assertThat(g.placedStartClp()).isEqualTo(330_000);
            assertThat(g.newlyPlacedClp()).isEqualTo(170_000);
            assertThat(g.recoveredClp()).isEqualTo(150_000);
            assertThat(g.promisesDue()).isEqualTo(5);
            assertThat(g.promisesKept()).isEqualTo(2);
            assertThat(g.contactAttempts()).isEqualTo(10);
            assertThat(g.rightPartyContacts()).isEqualTo(4);
            assertThat(g.actions()).isEqualTo(15);
            assertThat(g.actionCostClp()).isEqualTo(40_000);
            assertThat(g.chargesPassedOnClp()).isEqualTo(5_000);
            assertThat(g.invoicesWorked()).isEqualTo(6);
            assertThat(g.agencyFeeClp()).isEqualTo(22_500);
            assertThat(g.version()).isEqualTo(3);
        }

        @Test
        void ratiosComeFromTheSumsNotFromAverages() {
            MonthlyKpis g = Rollup.monthly(GROUP, List.of(A_MARCH, B_MARCH), GROUP_SALES);
            assertThat(A_MARCH.cei()).isCloseTo(60.0, within(EPS));
            assertThat(B_MARCH.cei()).isCloseTo(40.0, within(EPS));
            // (850 000 + 300 000 − 800 000) ÷ (850 000 + 300 000 − 400 000) × 100 = 350 ÷ 750 × 100, not 50
            assertThat(g.cei()).isCloseTo(350.0 / 750 * 100, within(EPS));
            // 150 000 ÷ (330 000 + 170 000) = 0.3, not (0.5 + 0.25) ÷ 2
            assertThat(g.periodRecoveryRate()).isCloseTo(0.3, within(EPS));
            // (500 000 + 9 000 000) ÷ 400 000 = 23.75 days late at close, not (5 + 30) ÷ 2
            assertThat(g.weightedDpdAtClose()).isCloseTo(23.75, within(EPS));
            // 2 ÷ 5 promises; 4 ÷ 10 contacts
            assertThat(g.promiseKeptRate()).isCloseTo(0.4, within(EPS));
            assertThat(g.rightPartyContactRate()).isCloseTo(0.4, within(EPS));
            // (40 000 + 22 500) ÷ 6 invoices; ÷ 150 000 recovered × 100
            assertThat(g.costPerInvoice()).isCloseTo(62_500.0 / 6, within(EPS));
            assertThat(g.costToCollectPct()).isCloseTo(62_500.0 / 150_000 * 100, within(EPS));
            // 150 000 − 22 500 − 5 000
            assertThat(g.netRecoveryClp()).isEqualTo(122_500);
            // 800 000 ÷ 300 000 × 31; 400 000 ÷ 300 000 × 31
            assertThat(g.dsoStandard()).isCloseTo(800.0 / 300 * 31, within(EPS));
            assertThat(g.bestPossibleDso()).isCloseTo(400.0 / 300 * 31, within(EPS));
        }

        @Test
        void countbackAtThePeriodEnd() {
            MonthlyKpis g = Rollup.monthly(GROUP, List.of(A_MARCH, B_MARCH), GROUP_SALES);
            // AR 800 000: March's 300 000 (the rows' sales) → 500 000, 31 days; February 600 000 → 500/600 × 28
            assertThat(g.dsoCountback()).isCloseTo(31 + 500_000.0 / 600_000 * 28, within(EPS));
        }

        @Test
        void countbackReachesBackMonthByMonth() {
            LocalDate feb28 = LocalDate.of(2025, 2, 28);
            MonthlyKpis a = month("a", FEB, feb28, feb28, 100_000, 200_000, 250_000, 200_000, 0, 0, 0, 0,
                    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
            MonthlyKpis b = month("b", FEB, feb28, feb28, 300_000, 400_000, 600_000, 350_000, 0, 0, 0, 0,
                    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
            MonthlyKpis g = Rollup.monthly(GROUP, List.of(a, b), GROUP_SALES);
            // AR 850 000: February 600 000 → 250 000 (28 days); January 100 000 → 150 000 (28 + 31);
            // December 200 000 > 150 000 → 59 + 150 000 ÷ 200 000 × 31 = 59 + 23.25 = 82.25
            assertThat(g.dsoCountback()).isCloseTo(82.25, within(EPS));
            // (400 000 + 600 000 − 850 000) ÷ (400 000 + 600 000 − 550 000) × 100 = 150 ÷ 450 × 100
            assertThat(g.cei()).isCloseTo(150.0 / 450 * 100, within(EPS));
        }

        @Test
        void aCurrentMonthComputedOnDifferentDaysEndsOnTheLatest() {
            MonthlyKpis early = month("a", MARCH, LocalDate.of(2025, 3, 14), LocalDate.of(2025, 3, 14), 0, 0, 0, 0,
                    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
            MonthlyKpis late = month("b", MARCH, LocalDate.of(2025, 3, 15), LocalDate.of(2025, 3, 15), 0, 0, 0, 0,
                    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
            MonthlyKpis g = Rollup.monthly(GROUP, List.of(late, early), Map.of());
            assertThat(g.periodEnd()).isEqualTo(LocalDate.of(2025, 3, 15));
            assertThat(g.asOf()).isEqualTo(LocalDate.of(2025, 3, 15));
            assertThat(g.days()).isEqualTo(15);
        }

        @Test
        void rowsOfDifferentMonthsAreRefused() {
            MonthlyKpis feb = month("b", FEB, LocalDate.of(2025, 2, 28), LocalDate.of(2025, 2, 28), 0, 0, 0, 0,
                    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
            assertThatThrownBy(() -> Rollup.monthly(GROUP, List.of(A_MARCH, feb), GROUP_SALES))
                    .isInstanceOf(Rollup.IncompatibleRowsException.class).hasMessageContaining("2025-02");
        }
    }

    @Nested
    class Cohorts {
        private final CohortRecovery aJan = new CohortRecovery("a", JAN, 2, 100_000,
                new long[] {20_000, 40_000, 60_000, 80_000, 90_000}, 4);
        private final CohortRecovery bJan = new CohortRecovery("b", JAN, 1, 300_000,
                new long[] {30_000, 60_000, 90_000, 120_000, 150_000}, 6);
        private final CohortRecovery bFeb = new CohortRecovery("b", FEB, 1, 50_000,
                new long[] {10_000, 10_000, 10_000, 10_000, 10_000}, 6);

        @Test
        void sumsPlacedAndRecoveredPerHorizon() {
            CohortRecovery g = Rollup.cohort(GROUP, List.of(aJan, bJan));
            assertThat(g.clientId()).isEqualTo(GROUP);
            assertThat(g.invoices()).isEqualTo(3);
            assertThat(g.placedClp()).isEqualTo(400_000);
            assertThat(g.recoveredClp()).containsExactly(50_000, 100_000, 150_000, 200_000, 240_000);
            // 50 000 ÷ 400 000 = 0.125, not (0.2 + 0.1) ÷ 2 = 0.15
            assertThat(g.rate(0)).isCloseTo(0.125, within(EPS));
            // 240 000 ÷ 400 000
            assertThat(g.rate(4)).isCloseTo(0.6, within(EPS));
            assertThat(g.version()).isEqualTo(6);
        }

        @Test
        void oneRowPerCohortMonthInOrder() {
            List<CohortRecovery> g = Rollup.cohorts(GROUP, List.of(bFeb, aJan, bJan));
            assertThat(g).extracting(CohortRecovery::cohort).containsExactly(JAN, FEB);
            assertThat(g.get(1).placedClp()).isEqualTo(50_000);
        }

        @Test
        void differentMonthsAreRefused() {
            assertThatThrownBy(() -> Rollup.cohort(GROUP, List.of(aJan, bFeb)))
                    .isInstanceOf(Rollup.IncompatibleRowsException.class).hasMessageContaining("2025-02");
        }
    }
}
