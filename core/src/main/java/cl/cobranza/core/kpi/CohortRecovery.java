package cl.cobranza.core.kpi;

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

    public CohortRecovery withVersion(long newVersion) {
        return new CohortRecovery(clientId, cohort, invoices, placedClp, recoveredClp, newVersion);
    }
}
