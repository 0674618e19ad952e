package cl.cobranza.core.kpi;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * Recovery of one client's placement cohort (invoices first overdue in that month): amount placed and
 * amount recovered within each horizon of {@link #HORIZONS_DAYS} days after placement.
 */
public record CohortRecovery(String clientId, YearMonth cohort, long invoices, long placedClp,
                             long[] recoveredClp, long version) {
    /** Days after placement at which recovery is shown. */
    public static final List<Integer> HORIZONS_DAYS = List.of(30, 60, 90, 180, 365);

    /** Recovery rate at horizon index i (0 = 30 days), null when nothing was placed. */
    public Double rate(int horizonIndex) {
        return Formulas.ratio(recoveredClp[horizonIndex], placedClp);
    }

    /**
     * The day horizon i has run its course for every invoice of the cohort: the cohort month's last day
     * + N − 1 (an invoice placed on the last day has its window [p, p + N − 1] closed then).
     */
    public LocalDate maturesOn(int horizonIndex) {
        return cohort.atEndOfMonth().plusDays(HORIZONS_DAYS.get(horizonIndex) - 1L);
    }

    /** Whether horizon i has matured by {@code day} ({@link #maturesOn} ≤ day). */
    public boolean matured(int horizonIndex, LocalDate day) {
        return !maturesOn(horizonIndex).isAfter(day);
    }

    public CohortRecovery withVersion(long newVersion) {
        return new CohortRecovery(clientId, cohort, invoices, placedClp, recoveredClp, newVersion);
    }
}
