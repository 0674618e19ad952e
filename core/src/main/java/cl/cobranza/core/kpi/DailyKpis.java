package cl.cobranza.core.kpi;

import java.time.LocalDate;

/**
 * One client's KPIs as of one day (docs/kpis.md, "Daily KPIs"): balances and aging as of the day,
 * the day's flows, and the speed-of-collection measures. Ratios are null when undefined.
 * {@code agingClp[0]} is the current bucket; {@code sales90Clp} is the trailing 90-day sales.
 */
public record DailyKpis(String clientId, LocalDate day, long openClp, long openInvoices, long overdueClp,
                        long overdueInvoices, long[] agingClp, long overdueClpDays, long salesClp,
                        long creditNotesClp, long collectedClp, long sales90Clp, double dsoCountback,
                        long version) {

    public long currentClp() {
        return openClp - overdueClp;
    }

    /** Días promedio de mora: Σ open × DPD ÷ Σ open over overdue invoices. */
    public Double weightedDpd() {
        return Formulas.weightedMean(overdueClpDays, overdueClp);
    }

    public Double dsoStandard() {
        return Formulas.dsoStandard(openClp, sales90Clp, cl.cobranza.core.collection.ClientTerms.DSO_WINDOW_DAYS);
    }

    public Double bestPossibleDso() {
        return Formulas.bestPossibleDso(currentClp(), sales90Clp, cl.cobranza.core.collection.ClientTerms.DSO_WINDOW_DAYS);
    }

    public Double averageDaysDelinquent() {
        return Formulas.averageDaysDelinquent(dsoStandard(), bestPossibleDso());
    }

    public DailyKpis withVersion(long newVersion) {
        return new DailyKpis(clientId, day, openClp, openInvoices, overdueClp, overdueInvoices, agingClp,
                overdueClpDays, salesClp, creditNotesClp, collectedClp, sales90Clp, dsoCountback, newVersion);
    }
}
