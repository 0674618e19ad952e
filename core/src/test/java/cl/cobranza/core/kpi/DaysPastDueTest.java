package cl.cobranza.core.kpi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;

import static cl.cobranza.core.testkit.Days.DEC_31_2024;
import static cl.cobranza.core.testkit.Days.FEB_10;
import static cl.cobranza.core.testkit.Days.JAN_1;
import static cl.cobranza.core.testkit.Days.JAN_31;
import static cl.cobranza.core.testkit.Days.MAR_2;
import static org.assertj.core.api.Assertions.assertThat;

class DaysPastDueTest {

    @Test
    void dueTodayIsNotPastDue() {
        assertThat(DaysPastDue.of(JAN_31, JAN_31)).isZero();
    }

    @Test
    void dueYesterdayIsOneDayPastDue() {
        assertThat(DaysPastDue.of(JAN_31, JAN_31.plusDays(1))).isEqualTo(1);
    }

    @Test
    void dueInTheFutureIsZeroNotNegative() {
        assertThat(DaysPastDue.of(FEB_10, JAN_31)).isZero();
        assertThat(DaysPastDue.of(LocalDate.of(2026, 1, 1), JAN_1)).isZero();
    }

    @ParameterizedTest(name = "due {0}, as of {1} -> {2}")
    @CsvSource({
            // February, non-leap 2025: Feb 28 -> Mar 1 is one day
            "2025-02-28, 2025-03-01, 1",
            // February, leap 2024: Feb 28 -> Feb 29 -> Mar 1 is two days
            "2024-02-28, 2024-03-01, 2",
            "2024-02-29, 2024-03-01, 1",
            // 28 days of Feb 2025 after Jan 31: 28
            "2025-01-31, 2025-02-28, 28",
            // same in 2024: 29
            "2024-01-31, 2024-02-29, 29",
            // 30-day month: Apr 30 -> May 1 is one day; Apr 1 -> May 1 is 30
            "2025-04-30, 2025-05-01, 1",
            "2025-04-01, 2025-05-01, 30",
            // 31-day month: Jan 31 -> Feb 1 is one day; Mar 1 -> Apr 1 is 31
            "2025-01-31, 2025-02-01, 1",
            "2025-03-01, 2025-04-01, 31",
            // across the year end: Dec 31 2024 -> Jan 31 2025 is 31
            "2024-12-31, 2025-01-31, 31",
            // a whole non-leap year and a whole leap year
            "2025-01-01, 2026-01-01, 365",
            "2024-01-01, 2025-01-01, 366",
    })
    void countsCalendarDaysAcrossMonthEnds(LocalDate due, LocalDate asOf, long expected) {
        assertThat(DaysPastDue.of(due, asOf)).isEqualTo(expected);
    }

    @Test
    void effectiveDueDateIsTheErpsWhenPresent() {
        assertThat(DaysPastDue.effectiveDueDate(JAN_1, FEB_10)).isEqualTo(FEB_10);
    }

    @Test
    void effectiveDueDateIsIssuePlusThirtyDaysWhenAbsent() {
        assertThat(DaysPastDue.DEFAULT_TERM_DAYS).isEqualTo(30);
        // Jan 1 + 30 = Jan 31
        assertThat(DaysPastDue.effectiveDueDate(JAN_1, null)).isEqualTo(JAN_31);
        // Jan 31 2025 + 30: Feb 28 is +28, Mar 1 is +29, Mar 2 is +30
        assertThat(DaysPastDue.effectiveDueDate(JAN_31, null)).isEqualTo(MAR_2);
        // Jan 31 2024 (leap) + 30: Feb 29 is +29, Mar 1 is +30
        assertThat(DaysPastDue.effectiveDueDate(LocalDate.of(2024, 1, 31), null)).isEqualTo(LocalDate.of(2024, 3, 1));
        // Dec 31 2024 + 30 = Jan 30 2025
        assertThat(DaysPastDue.effectiveDueDate(DEC_31_2024, null)).isEqualTo(LocalDate.of(2025, 1, 30));
    }
}
