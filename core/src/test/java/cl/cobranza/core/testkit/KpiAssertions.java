package cl.cobranza.core.testkit;

import cl.cobranza.core.kpi.CohortRecovery;
import cl.cobranza.core.kpi.DailyKpis;
import cl.cobranza.core.kpi.MonthlyKpis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Compares KPI rows from two sources (the streaming ledger or the warehouse, and the oracle): amounts and
 * counts exactly, days and ratios to 0.01, versions ignored. Returns readable differences, empty when equal.
 */
public final class KpiAssertions {
    /** Tolerance for days and ratios (issue 3: "to 0.01 for ratios and days"). */
    public static final double TOLERANCE = 0.01;

    private KpiAssertions() {
    }

    public static List<String> differences(DailyKpis actual, DailyKpis expected) {
        List<String> d = new ArrayList<>();
        String at = expected.clientId() + " " + expected.day();
        same(d, at, "clientId", actual.clientId(), expected.clientId());
        same(d, at, "day", actual.day(), expected.day());
        same(d, at, "openClp", actual.openClp(), expected.openClp());
        same(d, at, "openInvoices", actual.openInvoices(), expected.openInvoices());
        same(d, at, "overdueClp", actual.overdueClp(), expected.overdueClp());
        same(d, at, "overdueInvoices", actual.overdueInvoices(), expected.overdueInvoices());
        same(d, at, "agingClp", Arrays.toString(actual.agingClp()), Arrays.toString(expected.agingClp()));
        same(d, at, "overdueClpDays", actual.overdueClpDays(), expected.overdueClpDays());
        same(d, at, "salesClp", actual.salesClp(), expected.salesClp());
        same(d, at, "creditNotesClp", actual.creditNotesClp(), expected.creditNotesClp());
        same(d, at, "collectedClp", actual.collectedClp(), expected.collectedClp());
        same(d, at, "sales90Clp", actual.sales90Clp(), expected.sales90Clp());
        close(d, at, "dsoCountback", actual.dsoCountback(), expected.dsoCountback());
        close(d, at, "weightedDpd", actual.weightedDpd(), expected.weightedDpd());
        close(d, at, "dsoStandard", actual.dsoStandard(), expected.dsoStandard());
        close(d, at, "bestPossibleDso", actual.bestPossibleDso(), expected.bestPossibleDso());
        return d;
    }

    public static List<String> differences(MonthlyKpis actual, MonthlyKpis expected) {
        List<String> d = new ArrayList<>();
        String at = expected.clientId() + " " + expected.month();
        same(d, at, "clientId", actual.clientId(), expected.clientId());
        same(d, at, "month", actual.month(), expected.month());
        same(d, at, "periodEnd", actual.periodEnd(), expected.periodEnd());
        same(d, at, "arStartClp", actual.arStartClp(), expected.arStartClp());
        same(d, at, "salesClp", actual.salesClp(), expected.salesClp());
        same(d, at, "creditNotesClp", actual.creditNotesClp(), expected.creditNotesClp());
        same(d, at, "collectedClp", actual.collectedClp(), expected.collectedClp());
        same(d, at, "arEndClp", actual.arEndClp(), expected.arEndClp());
        same(d, at, "currentArEndClp", actual.currentArEndClp(), expected.currentArEndClp());
        close(d, at, "dsoCountback", actual.dsoCountback(), expected.dsoCountback());
        same(d, at, "closedInvoices", actual.closedInvoices(), expected.closedInvoices());
        same(d, at, "closedWeightClp", actual.closedWeightClp(), expected.closedWeightClp());
        same(d, at, "closedWeightClpDays", actual.closedWeightClpDays(), expected.closedWeightClpDays());
        same(d, at, "placedStartClp", actual.placedStartClp(), expected.placedStartClp());
        same(d, at, "newlyPlacedClp", actual.newlyPlacedClp(), expected.newlyPlacedClp());
        same(d, at, "recoveredClp", actual.recoveredClp(), expected.recoveredClp());
        same(d, at, "promisesDue", actual.promisesDue(), expected.promisesDue());
        same(d, at, "promisesKept", actual.promisesKept(), expected.promisesKept());
        same(d, at, "contactAttempts", actual.contactAttempts(), expected.contactAttempts());
        same(d, at, "rightPartyContacts", actual.rightPartyContacts(), expected.rightPartyContacts());
        same(d, at, "actions", actual.actions(), expected.actions());
        same(d, at, "actionCostClp", actual.actionCostClp(), expected.actionCostClp());
        same(d, at, "chargesPassedOnClp", actual.chargesPassedOnClp(), expected.chargesPassedOnClp());
        same(d, at, "invoicesWorked", actual.invoicesWorked(), expected.invoicesWorked());
        same(d, at, "agencyFeeClp", actual.agencyFeeClp(), expected.agencyFeeClp());
        close(d, at, "cei", actual.cei(), expected.cei());
        close(d, at, "dsoStandard", actual.dsoStandard(), expected.dsoStandard());
        close(d, at, "weightedDpdAtClose", actual.weightedDpdAtClose(), expected.weightedDpdAtClose());
        close(d, at, "periodRecoveryRate", actual.periodRecoveryRate(), expected.periodRecoveryRate());
        close(d, at, "promiseKeptRate", actual.promiseKeptRate(), expected.promiseKeptRate());
        close(d, at, "costPerInvoice", actual.costPerInvoice(), expected.costPerInvoice());
        close(d, at, "costToCollectPct", actual.costToCollectPct(), expected.costToCollectPct());
        same(d, at, "netRecoveryClp", actual.netRecoveryClp(), expected.netRecoveryClp());
        return d;
    }

    public static List<String> differences(CohortRecovery actual, CohortRecovery expected) {
        List<String> d = new ArrayList<>();
        String at = expected.clientId() + " cohort " + expected.cohort();
        same(d, at, "cohort", actual.cohort(), expected.cohort());
        same(d, at, "invoices", actual.invoices(), expected.invoices());
        same(d, at, "placedClp", actual.placedClp(), expected.placedClp());
        same(d, at, "recoveredClp", Arrays.toString(actual.recoveredClp()), Arrays.toString(expected.recoveredClp()));
        return d;
    }

    private static void same(List<String> d, String at, String field, Object actual, Object expected) {
        if (!Objects.equals(actual, expected)) {
            d.add(at + " " + field + ": expected " + expected + " but was " + actual);
        }
    }

    private static void close(List<String> d, String at, String field, Double actual, Double expected) {
        if (actual == null || expected == null ? actual != expected
                : Math.abs(actual - expected) > TOLERANCE) {
            d.add(at + " " + field + ": expected " + expected + " but was " + actual);
        }
    }
}
