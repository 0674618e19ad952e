package cl.cobranza.core.kpi;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * One client's KPIs for one calendar month as known on {@code asOf}, over [first of month, periodEnd] where
 * periodEnd is the month's last day, or asOf for the current month (docs/kpis.md, "Monthly KPIs"); promises
 * are judged once their grace has run out by asOf. The record holds the
 * sums; each ratio is computed from them by {@link Formulas}, so roll-ups can add the sums first.
 */
public record MonthlyKpis(String clientId, YearMonth month, LocalDate periodEnd, LocalDate asOf,
                          long arStartClp, long salesClp, long creditNotesClp, long collectedClp,
                          long arEndClp, long currentArEndClp, double dsoCountback,
                          long closedInvoices, long closedWeightClp, long closedWeightClpDays,
                          long placedStartClp, long newlyPlacedClp, long recoveredClp,
                          long promisesDue, long promisesKept, long contactAttempts, long rightPartyContacts,
                          long actions, long actionCostClp, long chargesPassedOnClp, long invoicesWorked,
                          long agencyFeeClp, long version) {

    public int days() {
        return periodEnd.getDayOfMonth();
    }

    public Double dsoStandard() {
        return Formulas.dsoStandard(arEndClp, salesClp, days());
    }

    public Double bestPossibleDso() {
        return Formulas.bestPossibleDso(currentArEndClp, salesClp, days());
    }

    public Double averageDaysDelinquent() {
        return Formulas.averageDaysDelinquent(dsoStandard(), bestPossibleDso());
    }

    public Double cei() {
        return Formulas.collectionEffectivenessIndex(arStartClp, salesClp, arEndClp, currentArEndClp);
    }

    public Double weightedDpdAtClose() {
        return Formulas.weightedMean(closedWeightClpDays, closedWeightClp);
    }

    public Double periodRecoveryRate() {
        return Formulas.ratio(recoveredClp, placedStartClp + newlyPlacedClp);
    }

    public Double promiseKeptRate() {
        return Formulas.ratio(promisesKept, promisesDue);
    }

    public Double rightPartyContactRate() {
        return Formulas.ratio(rightPartyContacts, contactAttempts);
    }

    public Double costPerInvoice() {
        return Formulas.costPerInvoice(actionCostClp, agencyFeeClp, invoicesWorked);
    }

    public Double costToCollectPct() {
        return Formulas.costToCollect(actionCostClp, agencyFeeClp, recoveredClp);
    }

    public long netRecoveryClp() {
        return Formulas.netRecovery(recoveredClp, agencyFeeClp, chargesPassedOnClp);
    }

    public MonthlyKpis withVersion(long newVersion) {
        return new MonthlyKpis(clientId, month, periodEnd, asOf, arStartClp, salesClp, creditNotesClp, collectedClp,
                arEndClp, currentArEndClp, dsoCountback, closedInvoices, closedWeightClp, closedWeightClpDays,
                placedStartClp, newlyPlacedClp, recoveredClp, promisesDue, promisesKept, contactAttempts,
                rightPartyContacts, actions, actionCostClp, chargesPassedOnClp, invoicesWorked, agencyFeeClp,
                newVersion);
    }
}
