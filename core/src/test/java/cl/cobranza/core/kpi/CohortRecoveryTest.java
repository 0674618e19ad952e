package cl.cobranza.core.kpi;

import org.junit.jupiter.api.Test;

import java.time.YearMonth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CohortRecoveryTest {
    private static final double EPS = 1e-9;

    @Test
    void horizons() {
        assertThat(CohortRecovery.HORIZONS_DAYS).containsExactly(30, 60, 90, 180, 365);
    }

    @Test
    void ratePerHorizon() {
        // placed 800 000; recovered 200 000 / 400 000 / 600 000 / 700 000 / 760 000 by 30/60/90/180/365 days
        CohortRecovery c = new CohortRecovery("pyme-1", YearMonth.of(2025, 1), 5, 800_000,
                new long[] {200_000, 400_000, 600_000, 700_000, 760_000}, 1);
        // 200 000 / 800 000 = 0.25
        assertThat(c.rate(0)).isCloseTo(0.25, within(EPS));
        // 400 000 / 800 000 = 0.5
        assertThat(c.rate(1)).isCloseTo(0.5, within(EPS));
        // 600 000 / 800 000 = 0.75
        assertThat(c.rate(2)).isCloseTo(0.75, within(EPS));
        // 700 000 / 800 000 = 0.875
        assertThat(c.rate(3)).isCloseTo(0.875, within(EPS));
        // 760 000 / 800 000 = 0.95
        assertThat(c.rate(4)).isCloseTo(0.95, within(EPS));
    }

    @Test
    void nothingPlacedIsNull() {
        // fully credited invoices place 0: 0 / 0 → null
        CohortRecovery c = new CohortRecovery("pyme-1", YearMonth.of(2025, 1), 1, 0, new long[5], 1);
        assertThat(c.rate(0)).isNull();
        assertThat(c.rate(4)).isNull();
    }

    @Test
    void aHorizonMaturesWhenTheLastPlacedInvoiceHasHadItsDays() {
        CohortRecovery jan = new CohortRecovery("pyme-1", YearMonth.of(2025, 1), 1, 1, new long[5], 1);
        // placed on Jan 31 at the latest: [Jan 31, Jan 31 + 29] = [Jan 31, Mar 1] → matures on Mar 1
        assertThat(jan.maturesOn(0)).isEqualTo(java.time.LocalDate.of(2025, 3, 1));
        assertThat(jan.matured(0, java.time.LocalDate.of(2025, 2, 28))).isFalse();
        assertThat(jan.matured(0, java.time.LocalDate.of(2025, 3, 1))).isTrue();
        // 365 days: Jan 31 + 364 = 2026-01-30
        assertThat(jan.maturesOn(4)).isEqualTo(java.time.LocalDate.of(2026, 1, 30));
    }
}
