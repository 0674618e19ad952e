package cl.cobranza.core.kpi;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** Days past due as of a business date: max(0, asOf − due date), as defined in kpis.md. */
public final class DaysPastDue {
    /** Ley 21.131's default term, used when the ERP gives no due date. */
    public static final int DEFAULT_TERM_DAYS = 30;

    private DaysPastDue() {
    }

    public static long of(LocalDate dueDate, LocalDate asOf) {
        return Math.max(0, ChronoUnit.DAYS.between(dueDate, asOf));
    }

    /** The due date to use: the ERP's, or the issue date plus the default term when it has none. */
    public static LocalDate effectiveDueDate(LocalDate issueDate, LocalDate dueDate) {
        return dueDate != null ? dueDate : issueDate.plusDays(DEFAULT_TERM_DAYS);
    }
}
