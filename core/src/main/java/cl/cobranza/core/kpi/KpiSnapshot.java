package cl.cobranza.core.kpi;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The value of each KPI of the catalogue ({@link KpiDefinitions#ALL}) for one client or group, read from
 * the row its definition names: the newest daily row, the month's row, the newest matured cohort.
 */
public final class KpiSnapshot {
    private KpiSnapshot() {
    }

    /**
     * One KPI's value, null when undefined (a zero denominator) or when the row it comes from is missing, and
     * the row it was read from: a day (yyyy-MM-dd), a month or cohort month (yyyy-MM), or null.
     */
    public record Value(KpiDefinition definition, Number value, String period) {
        public Value {
            Objects.requireNonNull(definition, "definition");
        }
    }

    /**
     * Every scalar KPI as of {@code asOf} (aging, a set of buckets, is left to the caller): daily KPIs from
     * {@code day} (the newest daily row on or before asOf), monthly KPIs from {@code month} (asOf's month),
     * each cohort horizon from the newest cohort matured at that horizon by asOf, dead letters from
     * {@code deadLetters}. Any argument but asOf may be null (no such row): its KPIs are then null.
     */
    public static List<Value> current(DailyKpis day, MonthlyKpis month, List<CohortRecovery> cohorts, LocalDate asOf,
                                      Long deadLetters) {
        Objects.requireNonNull(asOf, "asOf");
        List<Value> values = new ArrayList<>();
        for (KpiDefinition d : KpiDefinitions.ALL) {
            if (d.id().equals(KpiDefinitions.AGING)) {
                continue;
            }
            switch (d.source()) {
                case DAILY:
                    values.add(new Value(d, day == null ? null : daily(d.id(), day), day == null ? null : day.day().toString()));
                    break;
                case MONTHLY:
                    values.add(new Value(d, month == null ? null : monthly(d.id(), month),
                            month == null ? null : month.month().toString()));
                    break;
                case COHORT:
                    values.add(cohort(d, cohorts == null ? List.of() : cohorts, asOf));
                    break;
                case DATA_QUALITY:
                    values.add(new Value(d, deadLetters, null));
                    break;
                default:
                    throw new IllegalStateException("No reader for KPI source " + d.source());
            }
        }
        return values;
    }

    /**
     * The KPIs one monthly row gives: every monthly KPI, and the speed-of-collection ones (DSO countback,
     * standard, BPDSO, ADD) computed over the month's period.
     */
    public static List<Value> ofMonth(MonthlyKpis month) {
        Objects.requireNonNull(month, "month");
        List<Value> values = new ArrayList<>();
        for (KpiDefinition d : KpiDefinitions.ALL) {
            boolean speed = d.source() == KpiDefinition.Source.DAILY && !d.id().equals(KpiDefinitions.AGING)
                    && !d.id().equals(KpiDefinitions.OPEN_RECEIVABLES) && !d.id().equals(KpiDefinitions.OVERDUE_RECEIVABLES)
                    && !d.id().equals(KpiDefinitions.WEIGHTED_DPD);
            if (d.source() == KpiDefinition.Source.MONTHLY || speed) {
                values.add(new Value(d, monthly(d.id(), month), month.month().toString()));
            }
        }
        return values;
    }

    private static Number daily(String id, DailyKpis r) {
        switch (id) {
            case KpiDefinitions.OPEN_RECEIVABLES:
                return r.openClp();
            case KpiDefinitions.OVERDUE_RECEIVABLES:
                return r.overdueClp();
            case KpiDefinitions.WEIGHTED_DPD:
                return r.weightedDpd();
            case KpiDefinitions.DSO_COUNTBACK:
                return r.dsoCountback();
            case KpiDefinitions.DSO_STANDARD:
                return r.dsoStandard();
            case KpiDefinitions.BPDSO:
                return r.bestPossibleDso();
            case KpiDefinitions.ADD:
                return r.averageDaysDelinquent();
            default:
                throw new IllegalArgumentException("KPI '" + id + "' is not read from a daily row");
        }
    }

    private static Number monthly(String id, MonthlyKpis r) {
        switch (id) {
            case KpiDefinitions.DSO_COUNTBACK:
                return r.dsoCountback();
            case KpiDefinitions.DSO_STANDARD:
                return r.dsoStandard();
            case KpiDefinitions.BPDSO:
                return r.bestPossibleDso();
            case KpiDefinitions.ADD:
                return r.averageDaysDelinquent();
            case KpiDefinitions.CEI:
                return r.cei();
            case KpiDefinitions.WEIGHTED_DPD_AT_CLOSE:
                return r.weightedDpdAtClose();
            case KpiDefinitions.PERIOD_RECOVERY_RATE:
                return r.periodRecoveryRate();
            case KpiDefinitions.PROMISE_KEPT_RATE:
                return r.promiseKeptRate();
            case KpiDefinitions.RIGHT_PARTY_CONTACT_RATE:
                return r.rightPartyContactRate();
            case KpiDefinitions.ACTION_COST:
                return r.actionCostClp();
            case KpiDefinitions.AGENCY_FEE:
                return r.agencyFeeClp();
            case KpiDefinitions.COST_PER_INVOICE:
                return r.costPerInvoice();
            case KpiDefinitions.COST_TO_COLLECT:
                return r.costToCollectPct();
            case KpiDefinitions.NET_RECOVERY:
                return r.netRecoveryClp();
            case KpiDefinitions.INVOICES_WORKED:
                return r.invoicesWorked();
            default:
                throw new IllegalArgumentException("KPI '" + id + "' is not read from a monthly row");
        }
    }

    /** The newest cohort whose horizon has matured by asOf; null value when none has. */
    private static Value cohort(KpiDefinition d, List<CohortRecovery> cohorts, LocalDate asOf) {
        int horizon = CohortRecovery.HORIZONS_DAYS.indexOf(
                Integer.parseInt(d.id().substring(KpiDefinitions.COHORT_RECOVERY_PREFIX.length())));
        CohortRecovery newest = null;
        for (CohortRecovery c : cohorts) {
            if (c.matured(horizon, asOf) && (newest == null || c.cohort().isAfter(newest.cohort()))) {
                newest = c;
            }
        }
        return newest == null ? new Value(d, null, null) : new Value(d, newest.rate(horizon), newest.cohort().toString());
    }
}
