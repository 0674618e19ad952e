package cl.cobranza.core.kpi;

import cl.cobranza.core.collection.ClientTerms;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The ratios a {@link DailyKpis} derives from its sums, on records built by hand. */
class DailyKpisTest {
    private static final double EPS = 1e-9;
    private static final LocalDate DAY = LocalDate.of(2025, 3, 31);

    /**
     * Open 900 000 on 4 invoices; overdue 300 000 on 2 (200 000 at 10 DPD, 100 000 at 40 DPD);
     * aging: current 600 000, 1-30 200 000, 31-60 100 000. Trailing 90-day sales 1 800 000.
     */
    private static final DailyKpis KPIS = new DailyKpis("pyme-1", DAY, 900_000, 4, 300_000, 2,
            new long[] {600_000, 200_000, 100_000, 0, 0, 0},
            6_000_000,                      // 200 000 × 10 + 100 000 × 40 = 2 000 000 + 4 000 000
            50_000, 0, 25_000, 1_800_000, 55.0, 3);

    @Test
    void windowIs90Days() {
        assertThat(ClientTerms.DSO_WINDOW_DAYS).isEqualTo(90);
    }

    @Test
    void currentIsOpenMinusOverdue() {
        // 900 000 − 300 000 = 600 000 (= the current aging bucket)
        assertThat(KPIS.currentClp()).isEqualTo(600_000).isEqualTo(KPIS.agingClp()[0]);
    }

    @Test
    void weightedDaysPastDue() {
        // 6 000 000 / 300 000 = 20 days
        assertThat(KPIS.weightedDpd()).isCloseTo(20.0, within(EPS));
    }

    @Test
    void dsoStandardBpdsoAndAddOverTheTrailing90Days() {
        // DSO = 900 000 / 1 800 000 × 90 = 45
        assertThat(KPIS.dsoStandard()).isCloseTo(45.0, within(EPS));
        // BPDSO = 600 000 / 1 800 000 × 90 = 30
        assertThat(KPIS.bestPossibleDso()).isCloseTo(30.0, within(EPS));
        // ADD = 45 − 30 = 15
        assertThat(KPIS.averageDaysDelinquent()).isCloseTo(15.0, within(EPS));
    }

    @Test
    void nothingOverdueMeansNoWeightedDpdAndNoDelinquency() {
        // open 500 000 all current, sales 90 days 1 000 000: DSO = BPDSO = 500 000 / 1 000 000 × 90 = 45; ADD 0
        DailyKpis k = new DailyKpis("pyme-1", DAY, 500_000, 2, 0, 0, new long[] {500_000, 0, 0, 0, 0, 0},
                0, 0, 0, 0, 1_000_000, 15.0, 1);
        assertThat(k.weightedDpd()).isNull();
        assertThat(k.dsoStandard()).isCloseTo(45.0, within(EPS));
        assertThat(k.bestPossibleDso()).isCloseTo(45.0, within(EPS));
        assertThat(k.averageDaysDelinquent()).isCloseTo(0.0, within(EPS));
    }

    @Test
    void noSalesInTheWindowMeansNoDso() {
        // open 300 000, all overdue (30 DPD), no sales in the trailing 90 days
        DailyKpis k = new DailyKpis("pyme-1", DAY, 300_000, 1, 300_000, 1, new long[] {0, 300_000, 0, 0, 0, 0},
                9_000_000, 0, 0, 0, 0, 120.0, 1);
        assertThat(k.dsoStandard()).isNull();
        assertThat(k.bestPossibleDso()).isNull();
        assertThat(k.averageDaysDelinquent()).isNull();
        // 9 000 000 / 300 000 = 30
        assertThat(k.weightedDpd()).isCloseTo(30.0, within(EPS));
    }

    @Test
    void withVersionKeepsEverythingElse() {
        DailyKpis v4 = KPIS.withVersion(4);
        assertThat(v4.version()).isEqualTo(4);
        assertThat(v4.withVersion(3)).usingRecursiveComparison().isEqualTo(KPIS);
    }
}
