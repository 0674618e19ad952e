package cl.cobranza.core.oracle;

import cl.cobranza.core.collection.Channel;
import cl.cobranza.core.collection.ClientTerms;
import cl.cobranza.core.collection.Outcome;
import cl.cobranza.core.events.CanonicalEvent;
import cl.cobranza.core.events.DebtorChanged;
import cl.cobranza.core.events.InvoiceChanged;
import cl.cobranza.core.events.PaymentChanged;
import cl.cobranza.core.kpi.CohortRecovery;
import cl.cobranza.core.kpi.DailyKpis;
import cl.cobranza.core.kpi.Formulas;
import cl.cobranza.core.kpi.MonthlyKpis;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static cl.cobranza.core.testkit.CollectionFacts.action;
import static cl.cobranza.core.testkit.CollectionFacts.promise;
import static cl.cobranza.core.testkit.Days.DEC_31_2024;
import static cl.cobranza.core.testkit.Days.FEB_1;
import static cl.cobranza.core.testkit.Days.FEB_10;
import static cl.cobranza.core.testkit.Days.FEB_28;
import static cl.cobranza.core.testkit.Days.JAN_1;
import static cl.cobranza.core.testkit.Days.JAN_20;
import static cl.cobranza.core.testkit.Days.JAN_31;
import static cl.cobranza.core.testkit.Days.MAR_31;
import static cl.cobranza.core.testkit.Facts.CLIENT;
import static cl.cobranza.core.testkit.Facts.creditNote;
import static cl.cobranza.core.testkit.Facts.invoice;
import static cl.cobranza.core.testkit.Facts.payment;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every expected value below was worked out by hand from docs/kpis.md; the arithmetic is in the comments. */
class KpiOracleTest {
    private static final double EPS = 1e-9;
    /** An as-of day after every fact of these tests: cohorts of every placed invoice. */
    private static final LocalDate FAR_FUTURE = LocalDate.of(2099, 12, 31);
    private static final YearMonth JAN = YearMonth.of(2025, 1);
    private static final YearMonth FEB = YearMonth.of(2025, 2);
    private static final YearMonth MAR = YearMonth.of(2025, 3);
    private static final YearMonth JUN = YearMonth.of(2025, 6);

    /** A 2025 business date. */
    private static LocalDate on(int month, int day) {
        return LocalDate.of(2025, month, day);
    }

    private static KpiOracle oracle(CanonicalEvent... events) {
        return new KpiOracle(CLIENT, List.of(events), ClientTerms.defaults());
    }

    private static KpiOracle oracle(ClientTerms terms, CanonicalEvent... events) {
        return new KpiOracle(CLIENT, List.of(events), terms);
    }

    private static void assertClose(double expected, Double actual) {
        assertNotNull(actual, "expected " + expected + " but the ratio is undefined");
        assertEquals(expected, actual, EPS);
    }

    // ---------------------------------------------------------------- DSO countback

    @Test
    void countbackWorkedExampleOfTheDocs() {
        // AR 212 000; sales 100 000, 80 000, 70 000 in 30-day months:
        // 212 000 − 100 000 = 112 000 (30 days); − 80 000 = 32 000 (60 days); 32 000 / 70 000 × 30 = 13.714… → 73.714…
        assertEquals(60 + 32_000.0 / 70_000 * 30,
                Formulas.dsoCountback(212_000, new long[] {100_000, 80_000, 70_000}, new int[] {30, 30, 30}), EPS);
        assertEquals(73.714, Formulas.dsoCountback(212_000, new long[] {100_000, 80_000, 70_000},
                new int[] {30, 30, 30}), 0.001);
    }

    /** The worked example's sales on real months: April 70 000, May 80 000, June 100 000; AR 212 000 at June 30. */
    private static List<CanonicalEvent> workedExampleOnAprilToJune() {
        return List.of(
                invoice("apr").issued(on(4, 10)).due(on(5, 10)).total(70_000).at(1),
                invoice("may-1").issued(on(5, 5)).due(on(6, 4)).total(50_000).at(2),
                invoice("may-2").issued(on(5, 20)).due(on(6, 19)).total(30_000).at(3),
                invoice("jun").issued(on(6, 3)).due(on(7, 3)).total(100_000).at(4),
                // 70 000 + 80 000 + 100 000 = 250 000 issued; 250 000 − 38 000 = 212 000 open
                payment("p").to("apr").of(38_000).on(on(5, 10)).at(5));
    }

    @Test
    void countbackOnRealMonthsCountsMayAsThirtyOneDays() {
        KpiOracle oracle = new KpiOracle(CLIENT, workedExampleOnAprilToJune(), ClientTerms.defaults());
        // June (30 days) 100 000 → 112 000 left, 30; May (31 days) 80 000 → 32 000 left, 61;
        // April (30 days): 32 000 / 70 000 × 30 = 13.714… → 74.714…, one day more than the 30/30/30 example
        DailyKpis jun30 = oracle.daily(on(6, 30));
        assertEquals(212_000, jun30.openClp());
        assertEquals(61 + 32_000.0 / 70_000 * 30, jun30.dsoCountback(), EPS);
        assertEquals(74.714, jun30.dsoCountback(), 0.001);
        assertEquals(jun30.dsoCountback(), oracle.monthly(JUN, on(6, 30)).dsoCountback(), EPS);
    }

    @Test
    void countbackPeriodZeroIsTheMonthToDate() {
        KpiOracle oracle = new KpiOracle(CLIENT, workedExampleOnAprilToJune(), ClientTerms.defaults());
        // as of June 15 every fact is already known: AR 212 000; period 0 = June 1..15 (15 days) with 100 000
        // → 112 000 left, 15; May 80 000 → 32 000 left, 46; April 32 000 / 70 000 × 30 → 59.714…
        DailyKpis jun15 = oracle.daily(on(6, 15));
        assertEquals(212_000, jun15.openClp());
        assertEquals(46 + 32_000.0 / 70_000 * 30, jun15.dsoCountback(), EPS);
        // as of June 2 the June invoice (issued June 3) does not exist yet: AR 112 000, period 0 (2 days) has
        // no sales → 2; May 80 000 → 32 000 left, 33; April 32 000 / 70 000 × 30 → 46.714…
        DailyKpis jun2 = oracle.daily(on(6, 2));
        assertEquals(112_000, jun2.openClp());
        assertEquals(33 + 32_000.0 / 70_000 * 30, jun2.dsoCountback(), EPS);
    }

    @Test
    void countbackAcrossFebruaryCountsTwentyEightDays() {
        KpiOracle oracle = oracle(
                invoice("jan").issued(on(1, 10)).due(on(2, 9)).total(70_000).at(1),
                invoice("feb").issued(on(2, 10)).due(on(3, 12)).total(80_000).at(2),
                invoice("mar").issued(on(3, 10)).due(on(4, 9)).total(100_000).at(3),
                payment("p").to("jan").of(38_000).on(on(2, 15)).at(4));
        // AR at Mar 31 = 250 000 − 38 000 = 212 000. March (31) 100 000 → 112 000, 31; February (28) 80 000
        // → 32 000, 59; January (31): 32 000 / 70 000 × 31 = 14.171… → 73.171…
        assertEquals(59 + 32_000.0 / 70_000 * 31, oracle.daily(MAR_31).dsoCountback(), EPS);
        assertEquals(59 + 32_000.0 / 70_000 * 31, oracle.monthly(MAR, MAR_31).dsoCountback(), EPS);
    }

    @Test
    void countbackStopsAfterThirtySixPeriods() {
        // one invoice from January 2022, never paid: the 36 periods back from March 2025 (April 2022 … March
        // 2025) have no sales, so each adds its days: Apr 2022–Mar 2023 365 + Apr 2023–Mar 2024 366 (Feb 29
        // 2024) + Apr 2024–Mar 2025 365 = 1 096, a floor
        KpiOracle oracle = oracle(invoice("old").issued(LocalDate.of(2022, 1, 15)).total(1_000).at(1));
        assertEquals(1_096, oracle.daily(MAR_31).dsoCountback(), EPS);
    }

    // ---------------------------------------------------------------- DSO standard, BPDSO, ADD, CEI

    @Test
    void dailyDsoStandardBestPossibleAndDelinquentOverTheTrailingNinetyDays() {
        KpiOracle oracle = oracle(
                // issued Dec 31 = d − 90 for d = Mar 31: outside the window; paid, so not in AR either
                invoice("w0").issued(DEC_31_2024).due(JAN_31).total(5_000_000).at(1),
                payment("p0").to("w0").of(5_000_000).on(on(1, 5)).at(2),
                // issued Jan 1 = Mar 31 − 89 (Jan 31 + Feb 28 + Mar 30 days back): inside; overdue, 300 000 open
                invoice("w1").issued(JAN_1).due(JAN_31).total(900_000).at(3),
                payment("p1").to("w1").of(600_000).on(on(2, 10)).at(4),
                // current: due Apr 30
                invoice("w2").issued(on(3, 1)).due(on(4, 30)).total(300_000).at(5));
        DailyKpis d = oracle.daily(MAR_31);
        // sales in [Jan 1, Mar 31] = 900 000 + 300 000 = 1 200 000; AR = 300 000 + 300 000 = 600 000, current 300 000
        assertEquals(1_200_000, d.sales90Clp());
        assertEquals(600_000, d.openClp());
        assertEquals(300_000, d.currentClp());
        assertClose(600_000.0 / 1_200_000 * 90, d.dsoStandard());          // 45
        assertClose(300_000.0 / 1_200_000 * 90, d.bestPossibleDso());      // 22.5
        assertClose(45.0 - 22.5, d.averageDaysDelinquent());               // 22.5
        // as of Mar 30 the window [Dec 31, Mar 30] includes w0: 5 000 000 + 900 000 + 300 000
        assertEquals(6_200_000, oracle.daily(on(3, 30)).sales90Clp());
    }

    @Test
    void monthlyDsoStandardUsesTheDaysOfEachMonth() {
        KpiOracle oracle = oracle(
                invoice("j1").issued(JAN_1).due(on(1, 15)).total(400_000).at(1),
                invoice("j2").issued(JAN_20).due(on(2, 19)).total(600_000).at(2),
                invoice("f1").issued(FEB_1).due(on(3, 3)).total(1_000_000).at(3),
                invoice("f2").issued(FEB_1).due(FEB_10).total(500_000).at(4),
                payment("pj1").to("j1").of(400_000).on(on(2, 5)).at(5),
                payment("pj2").to("j2").of(600_000).on(on(2, 19)).at(6));

        MonthlyKpis jan = oracle.monthly(JAN, JAN_31);
        // January, D = 31: AR end 1 000 000 (j1 overdue since Jan 16, j2 current 600 000), sales 1 000 000
        assertEquals(31, jan.days());
        assertEquals(0, jan.arStartClp());
        assertEquals(1_000_000, jan.salesClp());
        assertEquals(1_000_000, jan.arEndClp());
        assertEquals(600_000, jan.currentArEndClp());
        assertClose(31.0, jan.dsoStandard());                                // 1 000 000 / 1 000 000 × 31
        assertClose(600_000.0 / 1_000_000 * 31, jan.bestPossibleDso());      // 18.6
        assertClose(31 - 18.6, jan.averageDaysDelinquent());                 // 12.4
        assertClose(0.0, jan.cei());                                         // (0 + 1 000 000 − 1 000 000) / (0 + 1 000 000 − 600 000)

        MonthlyKpis feb = oracle.monthly(FEB, FEB_28);
        // February, D = 28: AR start 1 000 000, sales 1 500 000, AR end f1 + f2 = 1 500 000, f2 overdue (due Feb 10)
        assertEquals(28, feb.days());
        assertEquals(1_000_000, feb.arStartClp());
        assertEquals(1_500_000, feb.salesClp());
        assertEquals(1_000_000, feb.collectedClp());
        assertEquals(1_500_000, feb.arEndClp());
        assertEquals(1_000_000, feb.currentArEndClp());
        assertClose(28.0, feb.dsoStandard());                                // 1 500 000 / 1 500 000 × 28
        assertClose(1_000_000.0 / 1_500_000 * 28, feb.bestPossibleDso());    // 18.667
        assertClose(28 - 1_000_000.0 / 1_500_000 * 28, feb.averageDaysDelinquent()); // 9.333
        // CEI = (1 000 000 + 1 500 000 − 1 500 000) / (1 000 000 + 1 500 000 − 1 000 000) × 100 = 66.667
        assertClose(1_000_000.0 / 1_500_000 * 100, feb.cei());
        // closed in February: j1 on Feb 5 (weight 400 000, 21 days after Jan 15), j2 on Feb 19 (600 000, on time)
        assertEquals(2, feb.closedInvoices());
        assertEquals(1_000_000, feb.closedWeightClp());
        assertEquals(400_000L * 21, feb.closedWeightClpDays());
        assertClose(8.4, feb.weightedDpdAtClose());                          // 8 400 000 / 1 000 000
        // countback at Feb 28: AR 1 500 000 = February's sales exactly → 28 days
        assertEquals(28, feb.dsoCountback(), EPS);

        // the current month up to "today" Mar 10: D = 10, no sales → DSO undefined
        MonthlyKpis mar = oracle.monthly(MAR, on(3, 10));
        assertEquals(10, mar.days());
        assertEquals(1_500_000, mar.arStartClp());
        assertNull(mar.dsoStandard());
        assertNull(mar.bestPossibleDso());
        assertNull(mar.averageDaysDelinquent());
    }

    @Test
    void anAsOfDayBeforeTheMonthIsRejectedAndALaterOneEndsThePeriodAtMonthEnd() {
        KpiOracle oracle = oracle();
        assertThrows(IllegalArgumentException.class, () -> oracle.monthly(MAR, FEB_28));
        MonthlyKpis feb = oracle.monthly(FEB, MAR_31);
        assertEquals(FEB_28, feb.periodEnd());                               // a closed month ends on its last day
        assertEquals(MAR_31, feb.asOf());
        assertEquals(28, feb.days());
    }

    // ---------------------------------------------------------------- balances, aging, weighted DPD

    @Test
    void agingBucketsUseTheDefaultUpperEdgesInclusive() {
        LocalDate nov1 = LocalDate.of(2024, 11, 1);
        KpiOracle oracle = oracle(
                invoice("i0").issued(JAN_1).due(on(4, 10)).total(1_000).at(1),    // not yet due → current
                invoice("i1").issued(JAN_1).due(MAR_31).total(2_000).at(2),       // DPD 0 → current
                invoice("i2").issued(JAN_1).due(on(3, 30)).total(4_000).at(3),    // DPD 1 → 1-30
                invoice("i3").issued(JAN_1).due(on(3, 1)).total(8_000).at(4),     // DPD 30 → 1-30
                invoice("i4").issued(JAN_1).due(FEB_28).total(16_000).at(5),      // DPD 31 → 31-60
                invoice("i5").issued(JAN_1).due(on(1, 30)).total(32_000).at(6),   // DPD 1 + 28 + 31 = 60 → 31-60
                invoice("i6").issued(nov1).due(DEC_31_2024).total(64_000).at(7),  // DPD 31 + 28 + 31 = 90 → 61-90
                invoice("i7").issued(nov1).due(LocalDate.of(2024, 12, 1)).total(128_000).at(8),  // 120 → 91-120
                invoice("i8").issued(nov1).due(LocalDate.of(2024, 11, 30)).total(256_000).at(9)); // 121 → 121+
        DailyKpis d = oracle.daily(MAR_31);
        assertArrayEquals(new long[] {1_000 + 2_000, 4_000 + 8_000, 16_000 + 32_000, 64_000, 128_000, 256_000},
                d.agingClp());
        assertEquals(511_000, d.openClp());
        assertEquals(9, d.openInvoices());
        assertEquals(511_000 - 3_000, d.overdueClp());
        assertEquals(7, d.overdueInvoices());
        // Σ open × DPD: 4 000×1 + 8 000×30 + 16 000×31 + 32 000×60 + 64 000×90 + 128 000×120 + 256 000×121
        // = 4 000 + 240 000 + 496 000 + 1 920 000 + 5 760 000 + 15 360 000 + 30 976 000 = 54 756 000
        assertEquals(54_756_000, d.overdueClpDays());
        assertClose(54_756_000.0 / 508_000, d.weightedDpd());
    }

    @Test
    void agingBucketsFollowTheClientsOwnEdges() {
        ClientTerms edges15and45 = new ClientTerms(List.of(15, 45), 3, Map.of(), 0, 0);
        KpiOracle oracle = oracle(edges15and45,
                invoice("a").issued(JAN_1).due(on(4, 30)).total(16_000).at(1),   // current
                invoice("b").issued(JAN_1).due(on(3, 16)).total(1_000).at(2),    // DPD 15 → 1-15
                invoice("c").issued(JAN_1).due(on(3, 15)).total(2_000).at(3),    // DPD 16 → 16-45
                invoice("d").issued(JAN_1).due(on(2, 14)).total(4_000).at(4),    // DPD 14 + 31 = 45 → 16-45
                invoice("e").issued(JAN_1).due(on(2, 13)).total(8_000).at(5));   // DPD 46 → 46+
        assertEquals(List.of("current", "1-15", "16-45", "46+"), edges15and45.bucketLabels());
        assertArrayEquals(new long[] {16_000, 1_000, 2_000 + 4_000, 8_000}, oracle.daily(MAR_31).agingClp());
    }

    @Test
    void weightedDpdWeighsOpenBalancesOfOverdueInvoicesOnly() {
        KpiOracle oracle = oracle(
                invoice("a").issued(JAN_1).due(on(3, 21)).total(150_000).at(1),   // DPD 10, open 150 000 − 50 000
                payment("pa").to("a").of(50_000).on(on(3, 25)).at(2),
                invoice("b").issued(JAN_1).due(on(3, 1)).total(300_000).at(3),    // DPD 30
                invoice("c").issued(JAN_1).due(on(4, 30)).total(500_000).at(4)); // current: not in the mean
        DailyKpis d = oracle.daily(MAR_31);
        // (100 000 × 10 + 300 000 × 30) / (100 000 + 300 000) = 10 000 000 / 400 000 = 25
        assertEquals(10_000_000, d.overdueClpDays());
        assertEquals(400_000, d.overdueClp());
        assertClose(25.0, d.weightedDpd());
        assertEquals(500_000, d.currentClp());
        // before anything is overdue the mean is undefined
        assertNull(oracle.daily(on(3, 1)).weightedDpd());
    }

    @Test
    void anInvoiceWithoutDueDateFallsDueThirtyDaysAfterIssue() {
        KpiOracle oracle = oracle(invoice("1").issued(JAN_1).total(1_000_000).at(1));
        // due Jan 1 + 30 = Jan 31: not overdue on Jan 31, DPD 1 on Feb 1; placed Feb 1 → February cohort
        assertEquals(0, oracle.daily(JAN_31).overdueClp());
        assertEquals(1_000_000, oracle.daily(FEB_1).overdueClp());
        assertEquals(1_000_000, oracle.daily(FEB_1).overdueClpDays());
        assertEquals(FEB, oracle.cohorts(FAR_FUTURE).get(0).cohort());
    }

    @Test
    void anInvoiceExistsFromItsIssueDate() {
        KpiOracle oracle = oracle(invoice("1").issued(FEB_10).due(on(3, 12)).total(700_000).at(1));
        assertEquals(0, oracle.daily(on(2, 9)).openClp());
        assertEquals(0, oracle.daily(on(2, 9)).salesClp());
        assertEquals(700_000, oracle.daily(FEB_10).openClp());
        assertEquals(700_000, oracle.daily(FEB_10).salesClp());
        assertEquals(0, oracle.daily(on(2, 11)).salesClp());
    }

    // ---------------------------------------------------------------- resolution of versions

    @Test
    void duplicatesAndOlderVersionsAfterNewerOnesChangeNothing() {
        InvoiceChanged inv1v1 = invoice("1").issued(JAN_1).due(JAN_31).total(1_000_000).at(10);
        InvoiceChanged inv1v2 = invoice("1").issued(JAN_1).due(JAN_31).total(800_000).at(20);
        InvoiceChanged inv2 = invoice("2").issued(JAN_1).due(JAN_31).total(300_000).at(15);
        PaymentChanged p1v1 = payment("p1").to("1").of(100_000).on(on(2, 5)).at(30);
        PaymentChanged p1v2 = payment("p1").to("1").of(400_000).on(FEB_10).at(31);
        PaymentChanged p2v1 = payment("p2").to("1").of(50_000).on(on(2, 12)).at(40);
        PaymentChanged p2v2 = payment("p2").to("2").of(50_000).on(on(2, 12)).at(41); // moved to invoice 2
        CanonicalEvent c1v1 = creditNote("c1").to("1").of(100_000).on(on(2, 3)).at(50);
        CanonicalEvent c1v2 = creditNote("c1").to("1").of(100_000).on(on(2, 3)).deleted().at(51);
        KpiOracle oracle = oracle(inv1v2, p1v2, p2v2, c1v2, inv1v1, p1v1, p2v1, c1v1, inv1v2, p1v2, inv2, inv2);

        // Jan 1 sales: newest totals 800 000 + 300 000
        assertEquals(1_100_000, oracle.daily(JAN_1).salesClp());
        // the Feb 3 credit note was deleted: nothing credited, open stays 1 100 000
        assertEquals(0, oracle.daily(on(2, 3)).creditNotesClp());
        // p1's first version (100 000 on Feb 5) was replaced by 400 000 on Feb 10
        assertEquals(0, oracle.daily(on(2, 5)).collectedClp());
        assertEquals(1_100_000, oracle.daily(on(2, 5)).openClp());
        // Feb 10: 800 000 − 400 000 + 300 000 = 700 000
        assertEquals(700_000, oracle.daily(FEB_10).openClp());
        assertEquals(400_000, oracle.daily(FEB_10).collectedClp());
        // Feb 12: p2 counts on invoice 2 only: 400 000 + (300 000 − 50 000) = 650 000
        DailyKpis feb12 = oracle.daily(on(2, 12));
        assertEquals(650_000, feb12.openClp());
        assertEquals(2, feb12.openInvoices());
        assertEquals(50_000, feb12.collectedClp());
    }

    @Test
    void theResultDoesNotDependOnArrivalOrderOrRepetition() {
        List<CanonicalEvent> history = randomHistory(new Random(7), 60);
        KpiOracle inOrder = new KpiOracle(CLIENT, history, ClientTerms.defaults());
        for (long seed = 1; seed <= 5; seed++) {
            Random rnd = new Random(seed);
            List<CanonicalEvent> messy = new ArrayList<>(history);
            for (CanonicalEvent e : history) {
                if (rnd.nextInt(4) == 0) {
                    messy.add(e);
                }
            }
            Collections.shuffle(messy, rnd);
            KpiOracle shuffled = new KpiOracle(CLIENT, messy, ClientTerms.defaults());
            assertEquals(inOrder.firstDay(), shuffled.firstDay());
            for (LocalDate d = HISTORY_START; d.isBefore(HISTORY_START.plusDays(400)); d = d.plusDays(7)) {
                assertEquals(fields(inOrder.daily(d)), fields(shuffled.daily(d)), "seed " + seed + " day " + d);
            }
            for (YearMonth m = YearMonth.from(HISTORY_START); m.isBefore(YearMonth.of(2026, 2)); m = m.plusMonths(1)) {
                assertEquals(inOrder.monthly(m, m.atEndOfMonth()), shuffled.monthly(m, m.atEndOfMonth()));
            }
            assertEquals(fields(inOrder.cohorts(FAR_FUTURE)), fields(shuffled.cohorts(FAR_FUTURE)));
        }
    }

    @Test
    void paymentReversalPutsTheBalanceBack() {
        InvoiceChanged inv = invoice("1").issued(JAN_1).due(JAN_31).total(1_000_000).at(10);
        PaymentChanged paid = payment("p1").to("1").of(400_000).on(FEB_10).at(11);
        PaymentChanged reversed = payment("p1").to("1").of(400_000).on(FEB_10).reversed().at(12);
        PaymentChanged reinstated = payment("p1").to("1").of(400_000).on(FEB_10).standing().at(13);

        // before the reversal: 1 000 000 − 400 000 = 600 000, and 400 000 recovered (placed Feb 1)
        KpiOracle beforeReversal = oracle(inv, paid);
        assertEquals(600_000, beforeReversal.daily(FEB_10).openClp());
        assertEquals(400_000, beforeReversal.daily(FEB_10).collectedClp());
        assertEquals(400_000, beforeReversal.monthly(FEB, FEB_28).recoveredClp());

        // reversed (delivered before or after the original): back to 1 000 000, nothing collected or recovered
        for (KpiOracle oracle : List.of(oracle(inv, paid, reversed), oracle(reversed, inv, paid))) {
            assertEquals(1_000_000, oracle.daily(FEB_10).openClp());
            assertEquals(1_000_000, oracle.daily(FEB_10).overdueClp());
            assertEquals(0, oracle.daily(FEB_10).collectedClp());
            MonthlyKpis feb = oracle.monthly(FEB, FEB_28);
            assertEquals(0, feb.collectedClp());
            assertEquals(0, feb.recoveredClp());
            assertEquals(0, feb.agencyFeeClp());
        }

        // the reversal undone at the source: counts again
        assertEquals(600_000, oracle(inv, reinstated, paid, reversed).daily(FEB_10).openClp());
    }

    @Test
    void aBackdatedPaymentRewritesThePast() {
        // A: Dec 1 2024, due Dec 31 2024, 1 000 000; B: Jan 10, due Feb 9, 500 000
        List<CanonicalEvent> known = List.of(
                invoice("A").issued(LocalDate.of(2024, 12, 1)).due(DEC_31_2024).total(1_000_000).at(1),
                invoice("B").issued(on(1, 10)).due(on(2, 9)).total(500_000).at(2));
        KpiOracle before = new KpiOracle(CLIENT, known, ClientTerms.defaults());
        // January before: AR start (Dec 31) 1 000 000 (A, due that very day: not overdue), sales 500 000,
        // AR end 1 500 000 with current B 500 000: CEI = (1 000 000 + 500 000 − 1 500 000) / (1 500 000 − 500 000) = 0
        assertEquals(1_500_000, before.daily(on(1, 25)).openClp());
        MonthlyKpis janBefore = before.monthly(JAN, JAN_31);
        assertEquals(1_000_000, janBefore.arStartClp());
        assertEquals(0, janBefore.placedStartClp());
        assertClose(0.0, janBefore.cei());

        // on March 5 the ERP records a 600 000 payment on A dated January 20
        List<CanonicalEvent> all = new ArrayList<>(known);
        all.add(payment("late").to("A").of(600_000).on(JAN_20).at(99));
        KpiOracle after = new KpiOracle(CLIENT, all, ClientTerms.defaults());
        assertEquals(1_500_000, after.daily(on(1, 19)).openClp());           // the day before: unchanged
        assertEquals(600_000, after.daily(JAN_20).collectedClp());
        DailyKpis jan25 = after.daily(on(1, 25));
        assertEquals(900_000, jan25.openClp());                              // 1 500 000 − 600 000
        assertEquals(400_000, jan25.overdueClp());                           // A: 1 000 000 − 600 000
        assertEquals(400_000L * 25, jan25.overdueClpDays());                 // A is 25 days past due
        MonthlyKpis janAfter = after.monthly(JAN, JAN_31);
        assertEquals(900_000, janAfter.arEndClp());
        assertEquals(500_000, janAfter.currentArEndClp());
        assertEquals(600_000, janAfter.collectedClp());
        // CEI = (1 000 000 + 500 000 − 900 000) / (1 000 000 + 500 000 − 500 000) × 100 = 60
        assertClose(60.0, janAfter.cei());
        // A was placed on Jan 1 with 1 000 000 open: recovered min(1 000 000, 600 000) = 600 000
        assertEquals(1_000_000, janAfter.newlyPlacedClp());
        assertEquals(600_000, janAfter.recoveredClp());
        assertClose(0.6, janAfter.periodRecoveryRate());
    }

    @Test
    void factsWithoutALiveInvoiceAddNothingButTheCollectorsWorkCounts() {
        DebtorChanged debtor = new DebtorChanged(CLIENT, "7", "12.345.678-5", "Ferretería", false, 1);
        InvoiceChanged otherClientsInvoice = new InvoiceChanged("pyme-2", "1", "7", 33, 1, LocalDate.of(2024, 12, 1),
                null, 777_000, false, 2);
        PaymentChanged otherClientsPayment = new PaymentChanged("pyme-2", "p1", "1", FEB_10, 777_000, false, 3);
        KpiOracle oracle = oracle(debtor, otherClientsInvoice, otherClientsPayment,
                invoice("1").issued(JAN_1).due(JAN_31).total(1_000_000).at(10),
                invoice("X").issued(JAN_1).due(JAN_31).total(500_000).at(11),
                invoice("X").issued(JAN_1).due(JAN_31).total(500_000).deleted().at(12),
                payment("px").to("X").of(200_000).on(FEB_10).at(13),
                creditNote("cx").to("X").of(50_000).on(FEB_10).at(14),
                payment("ghost").to("never-seen").of(100_000).on(LocalDate.of(2024, 12, 15)).at(15),
                action("ax").call(2).outcome(Outcome.CONTACTED).on(FEB_10).to("X").at(16),
                promise("prx").madeOn(FEB_1).promised(FEB_10).of(200_000).to("X").at(17));

        assertEquals(1_000_000, oracle.daily(JAN_1).salesClp());
        DailyKpis feb10 = oracle.daily(FEB_10);
        assertEquals(1_000_000, feb10.openClp());
        assertEquals(1, feb10.openInvoices());
        assertEquals(0, feb10.collectedClp());
        assertEquals(0, feb10.creditNotesClp());

        MonthlyKpis feb = oracle.monthly(FEB, FEB_28);
        assertEquals(0, feb.collectedClp());
        assertEquals(0, feb.recoveredClp());
        assertEquals(1, feb.actions());
        assertEquals(1, feb.contactAttempts());
        assertEquals(1, feb.rightPartyContacts());
        assertEquals(1, feb.invoicesWorked());
        assertEquals(120L * 2 + 2 * 250, feb.actionCostClp());              // default call 120/min + agent 250/min
        assertEquals(1, feb.promisesDue());                                  // judged (Feb 10 ≤ Feb 28 − 3)…
        assertEquals(0, feb.promisesKept());                                 // …and broken: X's payment counts nowhere
        assertEquals(List.of(FEB), oracle.cohorts(FAR_FUTURE).stream().map(CohortRecovery::cohort).toList()); // invoice 1 only
        assertEquals(JAN_1, oracle.firstDay());                              // not pyme-2's Dec 1, not the ghost's Dec 15
    }

    @Test
    void firstDayIsTheEarliestLiveFact() {
        assertNull(oracle().firstDay());
        assertNull(oracle(invoice("1").issued(JAN_1).deleted().at(1)).firstDay());
        // a payment dated before its invoice's issue date is still a live fact of a live invoice
        assertEquals(DEC_31_2024, oracle(invoice("1").issued(JAN_1).total(10).at(1),
                payment("p").to("1").of(5).on(DEC_31_2024).at(2)).firstDay());
        assertEquals(on(1, 2), oracle(invoice("1").issued(on(1, 5)).total(10).at(1),
                action("a").on(on(1, 3)).at(2), promise("pr").madeOn(on(1, 2)).promised(on(1, 9)).at(3)).firstDay());
    }

    // ---------------------------------------------------------------- credit notes, closing

    @Test
    void aCreditNoteThatCancelsAnInvoiceIsNeitherAClosureWithWeightNorARecovery() {
        KpiOracle oracle = oracle(
                invoice("1").issued(JAN_1).due(JAN_31).total(1_000_000).at(1),
                creditNote("c1").to("1").of(1_000_000).on(FEB_10).at(2),
                // cancelled before it fell due: never placed either
                invoice("2").issued(JAN_1).due(JAN_31).total(200_000).at(3),
                creditNote("c2").to("2").of(200_000).on(JAN_20).at(4));

        assertEquals(1_000_000, oracle.daily(on(2, 9)).overdueClp());
        DailyKpis feb10 = oracle.daily(FEB_10);
        assertEquals(0, feb10.openClp());
        assertEquals(0, feb10.openInvoices());
        assertEquals(1_000_000, feb10.creditNotesClp());
        assertEquals(0, feb10.collectedClp());

        MonthlyKpis jan = oracle.monthly(JAN, JAN_31);
        assertEquals(0, jan.closedInvoices());                               // invoice 2 closed Jan 20 with weight 0
        assertEquals(200_000, jan.creditNotesClp());

        MonthlyKpis feb = oracle.monthly(FEB, FEB_28);
        assertEquals(0, feb.closedInvoices());                               // weight 1 000 000 − 1 000 000 = 0
        assertEquals(0, feb.closedWeightClp());
        assertNull(feb.weightedDpdAtClose());
        assertEquals(1_000_000, feb.newlyPlacedClp());                       // open(Feb 1) = 1 000 000
        assertEquals(0, feb.recoveredClp());                                 // credit notes are not recoveries
        assertClose(0.0, feb.periodRecoveryRate());
        assertEquals(0, feb.agencyFeeClp());
        assertEquals(1_000_000, feb.arStartClp());
        assertEquals(0, feb.arEndClp());

        // the February cohort keeps the invoice, with its placed amount reduced to 1 000 000 − 1 000 000 = 0
        List<CohortRecovery> cohorts = oracle.cohorts(FAR_FUTURE);
        assertEquals(1, cohorts.size());
        CohortRecovery c = cohorts.get(0);
        assertEquals(FEB, c.cohort());
        assertEquals(1, c.invoices());
        assertEquals(0, c.placedClp());
        assertArrayEquals(new long[] {0, 0, 0, 0, 0}, c.recoveredClp());
        assertNull(c.rate(0));
    }

    @Test
    void closedInvoicesWeighByTheirNetTotalAndDaysLate() {
        KpiOracle oracle = oracle(
                // X: credited 200 000 on Jan 20, paid 800 000 on Feb 10 → closes Feb 10, weight 800 000, 10 days late;
                // the Feb 20 credit note comes after the close and does not change the weight
                invoice("X").issued(JAN_1).due(JAN_31).total(1_000_000).at(1),
                creditNote("cx1").to("X").of(200_000).on(JAN_20).at(2),
                payment("px").to("X").of(800_000).on(FEB_10).at(3),
                creditNote("cx2").to("X").of(50_000).on(on(2, 20)).at(4),
                // Y: paid in full before due → closes Feb 5, weight 500 000, 0 days late
                invoice("Y").issued(on(1, 10)).due(on(2, 15)).total(500_000).at(5),
                payment("py").to("Y").of(500_000).on(on(2, 5)).at(6),
                // Z: fully credited Feb 3 → weight 0, left out
                invoice("Z").issued(on(1, 10)).due(on(2, 9)).total(300_000).at(7),
                creditNote("cz").to("Z").of(300_000).on(on(2, 3)).at(8),
                // W: partly paid, still open
                invoice("W").issued(on(1, 10)).due(on(2, 9)).total(400_000).at(9),
                payment("pw").to("W").of(100_000).on(on(2, 20)).at(10),
                // V: overpaid on Jan 25 → closed in January
                invoice("V").issued(on(1, 2)).due(FEB_1).total(200_000).at(11),
                payment("pv").to("V").of(250_000).on(on(1, 25)).at(12));

        MonthlyKpis feb = oracle.monthly(FEB, FEB_28);
        assertEquals(2, feb.closedInvoices());
        assertEquals(800_000 + 500_000, feb.closedWeightClp());
        assertEquals(800_000L * 10 + 500_000L * 0, feb.closedWeightClpDays());
        assertClose(8_000_000.0 / 1_300_000, feb.weightedDpdAtClose());      // 6.15…

        MonthlyKpis jan = oracle.monthly(JAN, JAN_31);
        assertEquals(1, jan.closedInvoices());
        assertEquals(200_000, jan.closedWeightClp());
        assertClose(0.0, jan.weightedDpdAtClose());
        assertEquals(250_000, jan.collectedClp());                           // collections are gross payments
        assertEquals(4, oracle.daily(on(1, 25)).openInvoices());             // X, Y, Z, W open; V closed
    }

    // ---------------------------------------------------------------- recovery

    @Test
    void periodRecoveryCountsPaymentsFromPlacementUpToTheBalanceAtPlacement() {
        KpiOracle oracle = oracle(
                // A: placed Jan 1; the Dec 20 payment is the client's own collection: open(p) = 800 000
                invoice("A").issued(LocalDate.of(2024, 12, 1)).due(DEC_31_2024).total(1_000_000).at(1),
                payment("a1").to("A").of(200_000).on(LocalDate.of(2024, 12, 20)).at(2),
                payment("a2").to("A").of(300_000).on(on(1, 15)).at(3),
                payment("a3").to("A").of(600_000).on(FEB_10).at(4),
                // B: placed Feb 10 with 400 000
                invoice("B").issued(on(1, 10)).due(on(2, 9)).total(400_000).at(5),
                payment("b1").to("B").of(100_000).on(on(2, 20)).at(6));

        MonthlyKpis jan = oracle.monthly(JAN, JAN_31);
        // placed at start = overdue at Dec 31 = 0 (A is due that day); newly placed = A's 800 000
        assertEquals(0, jan.placedStartClp());
        assertEquals(800_000, jan.newlyPlacedClp());
        // recovered-by(Jan 31) − recovered-by(Dec 31) = min(800 000, 300 000) − 0 = 300 000
        assertEquals(300_000, jan.recoveredClp());
        assertClose(300_000.0 / 800_000, jan.periodRecoveryRate());          // 0.375
        assertEquals(45_000, jan.agencyFeeClp());                            // 300 000 × 15 %

        MonthlyKpis feb = oracle.monthly(FEB, FEB_28);
        // placed at start = overdue at Jan 31 = A's 1 000 000 − 200 000 − 300 000 = 500 000; newly placed B 400 000
        assertEquals(500_000, feb.placedStartClp());
        assertEquals(400_000, feb.newlyPlacedClp());
        // A: min(800 000, 300 000 + 600 000) − 300 000 = 500 000 (the extra 100 000 is no recovery); B: 100 000
        assertEquals(600_000, feb.recoveredClp());
        assertClose(600_000.0 / 900_000, feb.periodRecoveryRate());
        assertEquals(700_000, feb.collectedClp());                           // collections count all of it
    }

    @Test
    void aPaymentOnThePlacementDayIsARecoveryOfTheBalanceThatBecameOverdue() {
        // B = open(due) = open(Jan 31) = 400 000 is placed on p = Feb 1; the Feb 1 payment is a recovery
        KpiOracle oracle = oracle(
                invoice("1").issued(JAN_1).due(JAN_31).total(400_000).at(1),
                payment("p1").to("1").of(100_000).on(FEB_1).at(2),
                payment("p2").to("1").of(300_000).on(on(2, 20)).at(3));
        MonthlyKpis feb = oracle.monthly(FEB, FEB_28);
        assertEquals(400_000, feb.newlyPlacedClp());                         // B
        assertEquals(400_000, feb.recoveredClp());                           // min(400 000, 100 000 + 300 000)
        assertClose(1.0, feb.periodRecoveryRate());
        CohortRecovery c = oracle.cohorts(FAR_FUTURE).get(0);
        assertEquals(400_000, c.placedClp());
        assertEquals(400_000, c.recoveredClp()[0]);                          // both within Feb 1 .. Mar 2
        assertTrue(oracle.cohorts(JAN_31).isEmpty());                        // not placed yet on Jan 31
    }

    @Test
    void cohortRecoveryAtThirtyAndSixtyDays() {
        KpiOracle oracle = oracle(
                // I1: placed Feb 1 with 1 000 000 − 100 000 (Jan 25) = 900 000; the Feb 20 credit note of 50 000
                // reduces the placed amount to 850 000. Feb 1 + 29 = Mar 2, + 59 = Apr 1.
                invoice("I1").issued(JAN_1).due(JAN_31).total(1_000_000).at(1),
                payment("i1a").to("I1").of(100_000).on(on(1, 25)).at(2),
                creditNote("i1cn").to("I1").of(50_000).on(on(2, 20)).at(3),
                payment("i1b").to("I1").of(200_000).on(on(3, 2)).at(4),   // day 30: within 30
                payment("i1c").to("I1").of(300_000).on(on(3, 3)).at(5),   // day 31: within 60
                payment("i1d").to("I1").of(150_000).on(on(4, 1)).at(6),   // day 60: within 60
                payment("i1e").to("I1").of(400_000).on(on(4, 2)).at(7),   // day 61: within 90
                // I2: placed Feb 28 with 200 000. Feb 28 + 29 = Mar 29.
                invoice("I2").issued(on(1, 28)).due(on(2, 27)).total(200_000).at(8),
                payment("i2a").to("I2").of(50_000).on(on(3, 29)).at(9),   // day 30
                payment("i2b").to("I2").of(20_000).on(on(3, 30)).at(10),  // day 31
                // I3: placed Jan 1 with 300 000, paid in full Jan 10 → January cohort
                invoice("I3").issued(LocalDate.of(2024, 12, 1)).due(DEC_31_2024).total(300_000).at(11),
                payment("i3a").to("I3").of(300_000).on(on(1, 10)).at(12),
                // I4 paid before due and I5 credited before due: never placed
                invoice("I4").issued(on(1, 16)).due(on(2, 15)).total(100_000).at(13),
                payment("i4a").to("I4").of(100_000).on(FEB_10).at(14),
                invoice("I5").issued(on(1, 16)).due(on(2, 15)).total(100_000).at(15),
                creditNote("i5c").to("I5").of(100_000).on(FEB_10).at(16));

        List<CohortRecovery> cohorts = oracle.cohorts(FAR_FUTURE);
        assertEquals(List.of(JAN, FEB), cohorts.stream().map(CohortRecovery::cohort).toList());

        CohortRecovery jan = cohorts.get(0);
        assertEquals(1, jan.invoices());
        assertEquals(300_000, jan.placedClp());
        assertArrayEquals(new long[] {300_000, 300_000, 300_000, 300_000, 300_000}, jan.recoveredClp());

        CohortRecovery feb = cohorts.get(1);
        assertEquals(2, feb.invoices());
        assertEquals(850_000 + 200_000, feb.placedClp());
        // 30 days: I1 200 000 + I2 50 000; 60 days: I1 200 000 + 300 000 + 150 000 = 650 000, I2 70 000;
        // 90 days and beyond: I1 min(850 000, 1 050 000) = 850 000, I2 70 000
        assertArrayEquals(new long[] {250_000, 720_000, 920_000, 920_000, 920_000}, feb.recoveredClp());
        assertClose(250_000.0 / 1_050_000, feb.rate(0));
        assertClose(720_000.0 / 1_050_000, feb.rate(1));
        assertEquals(0, feb.version());
    }

    // ---------------------------------------------------------------- promises

    @Test
    void promisesAreKeptBrokenOrNotYetJudged() {
        KpiOracle oracle = oracle(
                invoice("1").issued(JAN_1).due(JAN_31).total(1_000_000).at(1),
                // P1: 300 000 by Feb 10; 200 000 on Feb 5 + 100 000 on Feb 13 (the last grace day) = 300 000 → kept
                promise("P1").madeOn(FEB_1).promised(FEB_10).of(300_000).to("1").at(2),
                payment("x1").to("1").of(200_000).on(on(2, 5)).at(3),
                payment("x2").to("1").of(100_000).on(on(2, 13)).at(4),
                // P2: 200 000 by Feb 20, made Feb 15 (earlier payments do not count); 150 000 on Feb 21 in time,
                // 100 000 on Feb 24 = Feb 20 + 4, too late → 150 000 < 200 000 → broken
                promise("P2").madeOn(on(2, 15)).promised(on(2, 20)).of(200_000).to("1").at(5),
                payment("x3").to("1").of(150_000).on(on(2, 21)).at(6),
                payment("x4").to("1").of(100_000).on(on(2, 24)).at(7),
                // P4: deleted
                promise("P4").madeOn(FEB_1).promised(on(2, 12)).of(1).to("1").deleted().at(8));

        // February closed: promises dated Feb 1 … Feb 28 − 3 = Feb 25 are judged: P1 kept, P2 broken
        MonthlyKpis feb = oracle.monthly(FEB, FEB_28);
        assertEquals(2, feb.promisesDue());
        assertEquals(1, feb.promisesKept());
        assertClose(0.5, feb.promiseKeptRate());

        // "today" Feb 12: P1's grace runs until Feb 13, so it is not judged yet
        MonthlyKpis feb12 = oracle.monthly(FEB, on(2, 12));
        assertEquals(0, feb12.promisesDue());
        assertNull(feb12.promiseKeptRate());
        // "today" Feb 13: judged, and the Feb 13 payment makes it kept
        MonthlyKpis feb13 = oracle.monthly(FEB, on(2, 13));
        assertEquals(1, feb13.promisesDue());
        assertEquals(1, feb13.promisesKept());
    }

    @Test
    void aPromiseDueInTheLastGraceDaysOfAMonthIsJudgedInItsMonthOnceTheGraceHasRunOut() {
        // promised Feb 26, grace 3 → judged from Mar 1 on, in February's row
        KpiOracle oracle = oracle(
                invoice("1").issued(JAN_1).due(JAN_31).total(1_000_000).at(1),
                promise("P3").madeOn(FEB_10).promised(on(2, 26)).of(10_000).to("1").at(2),
                payment("x").to("1").of(10_000).on(on(2, 26)).at(3));
        assertEquals(0, oracle.monthly(FEB, FEB_28).promisesDue());          // Feb 28 − 3 = Feb 25: pending
        assertEquals(1, oracle.monthly(FEB, on(3, 1)).promisesDue());
        assertEquals(1, oracle.monthly(FEB, on(3, 1)).promisesKept());
        assertEquals(0, oracle.monthly(MAR, MAR_31).promisesDue());          // it belongs to February
    }

    // ---------------------------------------------------------------- contacts, costs, fee

    @Test
    void rightPartyContactsCostsFeeAndNetRecovery() {
        ClientTerms terms = new ClientTerms(List.of(30, 60, 90, 120), 3, Map.of(
                Channel.CALL, 100L, Channel.EMAIL, 10L, Channel.VISIT, 10_000L, Channel.WHATSAPP, 20L,
                Channel.LEGAL_FILING, 150_000L), 200, 1_500);
        KpiOracle oracle = oracle(terms,
                // A: placed Feb 1 with 1 000 000; 333 330 paid Feb 10 → recovered 333 330
                invoice("A").issued(JAN_1).due(JAN_31).total(1_000_000).at(1),
                payment("pa").to("A").of(333_330).on(FEB_10).at(2),
                invoice("B").issued(FEB_1).due(on(3, 3)).total(500_000).at(3),
                invoice("C").issued(FEB_1).due(on(3, 3)).total(500_000).deleted().at(4),
                action("a1").call(4).outcome(Outcome.CONTACTED).on(on(2, 3)).to("A").at(10),     // 100×4 + 4×200 = 1 200
                action("a2").call(0).outcome(Outcome.NO_ANSWER).on(on(2, 4)).to("A").at(11),    // 100×1 + 0 = 100
                action("a3").visit(30).outcome(Outcome.REFUSED).on(on(2, 5)).to("C").at(12),    // 10 000 + 6 000
                action("a4").visit(50).outcome(Outcome.WRONG_PARTY).on(on(2, 6)).to("B").at(13), // older version…
                action("a4").visit(10).outcome(Outcome.WRONG_PARTY).on(on(2, 6)).to("B").at(14), // 10 000 + 2 000
                action("a5").via(Channel.EMAIL, 0).outcome(Outcome.DELIVERED).on(on(2, 7)).to("B").at(15), // 10
                action("a6").via(Channel.WHATSAPP, 1).outcome(Outcome.CONTACTED).on(on(2, 8)).to("B").at(16), // 220
                action("a7").via(Channel.LEGAL_FILING, 0).outcome(Outcome.DELIVERED).on(on(2, 20)).to("A").at(17),
                action("a8").call(5).outcome(Outcome.CONTACTED).on(JAN_31).to("A").at(18),      // January
                action("a9").call(5).outcome(Outcome.CONTACTED).on(FEB_10).to("A").deleted().at(19));

        MonthlyKpis feb = oracle.monthly(FEB, FEB_28);
        assertEquals(7, feb.actions());                                      // a1 … a7
        // calls and visits: a1, a2, a3, a4; right party: a1 (contacted), a3 (refused); WhatsApp is no attempt
        assertEquals(4, feb.contactAttempts());
        assertEquals(2, feb.rightPartyContacts());
        assertClose(0.5, feb.rightPartyContactRate());
        // 1 200 + 100 + 16 000 + 12 000 + 10 + (20 + 200) + 150 000 = 179 530
        assertEquals(179_530, feb.actionCostClp());
        assertEquals(150_000, feb.chargesPassedOnClp());
        assertEquals(3, feb.invoicesWorked());                               // A, B and the deleted C
        assertEquals(333_330, feb.recoveredClp());
        // 333 330 × 1 500 / 10 000 = 49 999.5 → half up → 50 000 (truncating would give 49 999)
        assertEquals(50_000, feb.agencyFeeClp());
        assertClose((179_530.0 + 50_000) / 3, feb.costPerInvoice());         // 229 530 / 3 = 76 510
        assertClose(76_510.0, feb.costPerInvoice());
        assertClose((179_530.0 + 50_000) / 333_330 * 100, feb.costToCollectPct()); // 68.86 %
        assertEquals(333_330 - 50_000 - 150_000, feb.netRecoveryClp());      // 133 330

        MonthlyKpis jan = oracle.monthly(JAN, JAN_31);
        assertEquals(1, jan.actions());
        assertEquals(100L * 5 + 5 * 200, jan.actionCostClp());               // a8: 1 500
        assertEquals(1, jan.invoicesWorked());
        assertEquals(0, jan.recoveredClp());
        assertNull(jan.costToCollectPct());                                  // nothing recovered
        assertEquals(0, jan.netRecoveryClp());
    }

    @Test
    void agencyFeeRoundsHalfUpOnTheMonthsRecovery() {
        // fee 15 %: 10 pesos recovered → 1.5 → 2; 3 pesos → 0.45 → 0
        ClientTerms terms = new ClientTerms(List.of(30, 60, 90, 120), 3, Map.of(), 0, 1_500);
        KpiOracle oracle = oracle(terms,
                invoice("1").issued(JAN_1).due(JAN_31).total(1_000).at(1),
                payment("feb").to("1").of(10).on(FEB_10).at(2),
                payment("mar").to("1").of(3).on(on(3, 10)).at(3));
        assertEquals(2, oracle.monthly(FEB, FEB_28).agencyFeeClp());
        assertEquals(0, oracle.monthly(MAR, MAR_31).agencyFeeClp());
        assertEquals(8, oracle.monthly(FEB, FEB_28).netRecoveryClp());      // 10 − 2 − 0
    }

    // ---------------------------------------------------------------- consistency over random histories

    private static final LocalDate HISTORY_START = LocalDate.of(2024, 12, 1);

    @Test
    void dailyAndMonthlyViewsAgreeOnRandomHistories() {
        for (long seed = 1; seed <= 10; seed++) {
            KpiOracle oracle = new KpiOracle(CLIENT, randomHistory(new Random(seed), 120), ClientTerms.defaults());
            for (YearMonth m = YearMonth.from(HISTORY_START); m.isBefore(YearMonth.of(2026, 1)); m = m.plusMonths(1)) {
                MonthlyKpis monthly = oracle.monthly(m, m.atEndOfMonth());
                DailyKpis before = oracle.daily(m.atDay(1).minusDays(1));
                assertEquals(before.openClp(), monthly.arStartClp());
                assertEquals(before.overdueClp(), monthly.placedStartClp());
                long sales = 0;
                long credited = 0;
                long collected = 0;
                for (LocalDate d = m.atDay(1); !d.isAfter(m.atEndOfMonth()); d = d.plusDays(1)) {
                    DailyKpis daily = oracle.daily(d);
                    assertEquals(daily.openClp(), Arrays.stream(daily.agingClp()).sum(), "aging adds up to open");
                    assertEquals(daily.overdueClp(), daily.openClp() - daily.agingClp()[0]);
                    assertTrue(daily.overdueClpDays() >= daily.overdueClp());
                    sales += daily.salesClp();
                    credited += daily.creditNotesClp();
                    collected += daily.collectedClp();
                }
                assertEquals(sales, monthly.salesClp());
                assertEquals(credited, monthly.creditNotesClp());
                assertEquals(collected, monthly.collectedClp());
                DailyKpis end = oracle.daily(m.atEndOfMonth());
                assertEquals(end.openClp(), monthly.arEndClp());
                assertEquals(end.currentClp(), monthly.currentArEndClp());
                assertEquals(end.dsoCountback(), monthly.dsoCountback(), EPS);
                assertTrue(monthly.recoveredClp() >= 0);
                assertTrue(monthly.promisesKept() <= monthly.promisesDue());
                assertTrue(monthly.rightPartyContacts() <= monthly.contactAttempts());
            }
            for (CohortRecovery c : oracle.cohorts(FAR_FUTURE)) {
                assertTrue(c.invoices() > 0);
                for (int i = 0; i < c.recoveredClp().length; i++) {
                    assertTrue(c.recoveredClp()[i] <= c.placedClp());
                    assertTrue(i == 0 || c.recoveredClp()[i] >= c.recoveredClp()[i - 1]);
                }
            }
        }
    }

    /**
     * A random history of one client in source order: invoices over 13 months with credit notes, payments
     * (some reversed, some re-dated in a newer version), actions and promises; distinct growing positions.
     */
    private static List<CanonicalEvent> randomHistory(Random rnd, int invoices) {
        List<CanonicalEvent> events = new ArrayList<>();
        long pos = 0;
        Channel[] channels = Channel.values();
        Outcome[] outcomes = Outcome.values();
        for (int i = 0; i < invoices; i++) {
            String id = "i" + i;
            LocalDate issued = HISTORY_START.plusDays(rnd.nextInt(390));
            LocalDate due = rnd.nextInt(5) == 0 ? null : issued.plusDays(rnd.nextInt(61));
            long total = 10_000L * (1 + rnd.nextInt(200));
            events.add(invoice(id).issued(issued).due(due).total(total).at(++pos));
            if (rnd.nextInt(10) == 0) {
                events.add(invoice(id).issued(issued).due(due).total(total / 2).at(++pos));
            }
            if (rnd.nextInt(30) == 0) {
                events.add(invoice(id).issued(issued).due(due).total(total).deleted().at(++pos));
            }
            if (rnd.nextInt(5) == 0) {
                events.add(creditNote("c" + i).to(id).of(total / (1 + rnd.nextInt(4)))
                        .on(issued.plusDays(rnd.nextInt(90))).at(++pos));
            }
            int payments = rnd.nextInt(4);
            for (int k = 0; k < payments; k++) {
                String pid = "p" + i + "-" + k;
                LocalDate paid = issued.plusDays(rnd.nextInt(150));
                long amount = total / (1 + rnd.nextInt(3));
                events.add(payment(pid).to(id).of(amount).on(paid).at(++pos));
                if (rnd.nextInt(8) == 0) {
                    events.add(payment(pid).to(id).of(amount).on(paid).reversed().at(++pos));
                } else if (rnd.nextInt(8) == 0) {
                    events.add(payment(pid).to(id).of(amount).on(paid.minusDays(20)).at(++pos));
                }
            }
            int actions = rnd.nextInt(3);
            for (int k = 0; k < actions; k++) {
                events.add(action("a" + i + "-" + k).via(channels[rnd.nextInt(channels.length)], rnd.nextInt(15))
                        .outcome(outcomes[rnd.nextInt(outcomes.length)]).on(issued.plusDays(20 + rnd.nextInt(100)))
                        .to(id).at(++pos));
            }
            if (rnd.nextInt(3) == 0) {
                LocalDate made = issued.plusDays(rnd.nextInt(60));
                events.add(promise("pr" + i).madeOn(made).promised(made.plusDays(rnd.nextInt(20)))
                        .of(total / 2).to(id).at(++pos));
            }
        }
        return events;
    }

    /** A DailyKpis as a list of values, so two can be compared field by field (records compare arrays by reference). */
    private static List<Object> fields(DailyKpis k) {
        return List.of(k.clientId(), k.day(), k.openClp(), k.openInvoices(), k.overdueClp(), k.overdueInvoices(),
                Arrays.toString(k.agingClp()), k.overdueClpDays(), k.salesClp(), k.creditNotesClp(),
                k.collectedClp(), k.sales90Clp(), k.dsoCountback(), k.version());
    }

    private static List<Object> fields(List<CohortRecovery> cohorts) {
        List<Object> all = new ArrayList<>();
        for (CohortRecovery c : cohorts) {
            all.add(List.of(c.clientId(), c.cohort(), c.invoices(), c.placedClp(), Arrays.toString(c.recoveredClp()),
                    c.version()));
        }
        return all;
    }
}
