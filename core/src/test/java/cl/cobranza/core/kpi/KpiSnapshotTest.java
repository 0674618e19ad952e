package cl.cobranza.core.kpi;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Which row each KPI's current value is read from, on rows built by hand. */
class KpiSnapshotTest {
    private static final double EPS = 1e-9;
    private static final LocalDate MAR_31 = LocalDate.of(2025, 3, 31);

    /** Open 300 000, 100 000 of it overdue for 10 days on average; 500 000 sold in 90 days; countback 45. */
    private static final DailyKpis DAY = new DailyKpis("a", MAR_31, 300_000, 3, 100_000, 1,
            new long[] {200_000, 100_000, 0, 0, 0, 0}, 1_000_000, 50_000, 0, 0, 500_000, 45.0, 1);
    /** March: CEI 60 %, 2 of 2 promises kept, no contact attempts (RPC undefined), 2 invoices worked. */
    private static final MonthlyKpis MONTH = new MonthlyKpis("a", YearMonth.of(2025, 3), MAR_31, MAR_31,
            250_000, 200_000, 0, 150_000, 300_000, 200_000, 45.0, 1, 100_000, 500_000, 80_000, 20_000, 50_000,
            2, 2, 0, 0, 5, 10_000, 0, 2, 7_500, 1);

    private static CohortRecovery cohort(int year, int month, long placed, long recovered30) {
        return new CohortRecovery("a", YearMonth.of(year, month), 1, placed,
                new long[] {recovered30, placed, placed, placed, placed}, 1);
    }

    private static Map<String, KpiSnapshot.Value> byId(List<KpiSnapshot.Value> values) {
        return values.stream().collect(Collectors.toMap(v -> v.definition().id(), v -> v));
    }

    @Test
    void everyScalarKpiOnce() {
        List<KpiSnapshot.Value> values = KpiSnapshot.current(DAY, MONTH, List.of(), MAR_31, 4L);
        // the catalogue minus aging (a set of buckets, not one number)
        assertThat(values).hasSize(KpiDefinitions.ALL.size() - 1);
        assertThat(values).extracting(v -> v.definition().id()).doesNotContain("aging").doesNotHaveDuplicates();
    }

    @Test
    void dailyAndMonthlyValues() {
        Map<String, KpiSnapshot.Value> v = byId(KpiSnapshot.current(DAY, MONTH, List.of(), MAR_31, 4L));
        assertThat(v.get("open_receivables").value()).isEqualTo(300_000L);
        assertThat(v.get("open_receivables").period()).isEqualTo("2025-03-31");
        // 1 000 000 ÷ 100 000
        assertThat(v.get("weighted_dpd").value().doubleValue()).isCloseTo(10.0, within(EPS));
        assertThat(v.get("dso_countback").value().doubleValue()).isCloseTo(45.0, within(EPS));
        // 300 000 ÷ 500 000 × 90 = 54
        assertThat(v.get("dso_standard").value().doubleValue()).isCloseTo(54.0, within(EPS));
        // (250 000 + 200 000 − 300 000) ÷ (250 000 + 200 000 − 200 000) × 100 = 60
        assertThat(v.get("cei").value().doubleValue()).isCloseTo(60.0, within(EPS));
        assertThat(v.get("cei").period()).isEqualTo("2025-03");
        assertThat(v.get("promise_kept_rate").value().doubleValue()).isCloseTo(1.0, within(EPS));
        assertThat(v.get("right_party_contact_rate").value()).isNull();
        // (10 000 + 7 500) ÷ 2
        assertThat(v.get("cost_per_invoice").value().doubleValue()).isCloseTo(8_750.0, within(EPS));
        assertThat(v.get("net_recovery").value()).isEqualTo(42_500L);
        assertThat(v.get("invoices_worked").value()).isEqualTo(2L);
        assertThat(v.get("dead_letters").value()).isEqualTo(4L);
    }

    @Test
    void missingRowsGiveNulls() {
        Map<String, KpiSnapshot.Value> v = byId(KpiSnapshot.current(null, null, null, MAR_31, null));
        assertThat(v.values()).allSatisfy(value -> assertThat(value.value()).isNull());
        assertThat(v.get("open_receivables").period()).isNull();
    }

    @Test
    void eachHorizonFromTheNewestCohortMaturedByTheDay() {
        // as of Mar 31: 30 days matured for January (Mar 1) and February (Feb 28 + 29 = Mar 29), not March;
        // 60 days for January (Jan 31 + 59 = Mar 31) only; 90 days for none (January: Apr 30)
        List<CohortRecovery> cohorts = List.of(cohort(2025, 1, 400_000, 100_000), cohort(2025, 2, 50_000, 10_000),
                cohort(2025, 3, 10_000, 10_000));
        Map<String, KpiSnapshot.Value> v = byId(KpiSnapshot.current(DAY, MONTH, cohorts, MAR_31, 0L));
        // February: 10 000 ÷ 50 000
        assertThat(v.get("cohort_recovery_30").value().doubleValue()).isCloseTo(0.2, within(EPS));
        assertThat(v.get("cohort_recovery_30").period()).isEqualTo("2025-02");
        // January: 400 000 ÷ 400 000
        assertThat(v.get("cohort_recovery_60").value().doubleValue()).isCloseTo(1.0, within(EPS));
        assertThat(v.get("cohort_recovery_60").period()).isEqualTo("2025-01");
        assertThat(v.get("cohort_recovery_90").value()).isNull();
        assertThat(v.get("cohort_recovery_90").period()).isNull();
    }

    @Test
    void aMonthsRowGivesItsOwnSpeedOfCollection() {
        Map<String, KpiSnapshot.Value> v = byId(KpiSnapshot.ofMonth(MONTH));
        assertThat(v).doesNotContainKeys("open_receivables", "weighted_dpd", "aging", "cohort_recovery_30", "dead_letters");
        // 300 000 ÷ 200 000 × 31 = 46.5 (the month's sales over its 31 days)
        assertThat(v.get("dso_standard").value().doubleValue()).isCloseTo(46.5, within(EPS));
        assertThat(v.get("cei").value().doubleValue()).isCloseTo(60.0, within(EPS));
        assertThat(v.get("dso_countback").period()).isEqualTo("2025-03");
    }
}
