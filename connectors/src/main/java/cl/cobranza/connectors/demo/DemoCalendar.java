package cl.cobranza.connectors.demo;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Set;

/**
 * The days on which the demo's collectors work: Monday to Saturday except Chile's fixed-date public holidays
 * (Ley 19.496 allows no collection contact on Sundays or holidays). Movable holidays (Easter, and those the
 * law moves to a Monday) are taken on their nominal date: good enough for demo data, not for the product.
 */
final class DemoCalendar {
    private static final Set<MonthDay> HOLIDAYS = Set.of(
            MonthDay.of(1, 1), MonthDay.of(5, 1), MonthDay.of(5, 21), MonthDay.of(6, 20), MonthDay.of(6, 29),
            MonthDay.of(7, 16), MonthDay.of(8, 15), MonthDay.of(9, 18), MonthDay.of(9, 19), MonthDay.of(10, 12),
            MonthDay.of(10, 31), MonthDay.of(11, 1), MonthDay.of(12, 8), MonthDay.of(12, 25));

    private DemoCalendar() {
    }

    static boolean isHoliday(LocalDate day) {
        return HOLIDAYS.contains(MonthDay.from(day));
    }

    /** A day on which a collector may contact a debtor. */
    static boolean isCollectionDay(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SUNDAY && !isHoliday(day);
    }

    /** A day on which a pyme issues invoices: weekdays that are not holidays, and some Saturdays. */
    static boolean isOfficeDay(LocalDate day) {
        DayOfWeek w = day.getDayOfWeek();
        return w != DayOfWeek.SATURDAY && w != DayOfWeek.SUNDAY && !isHoliday(day);
    }
}
