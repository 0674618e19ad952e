package cl.cobranza.core.risk;

import cl.cobranza.core.money.Clp;

/**
 * The scorecard's features: how each is read from a debtor's {@link DebtorFeatures} or from the item (the open
 * invoice being scored), its default bin edges for training, and how its value reads as a Spanish reason.
 *
 * <p>Bins of a feature with edges e0 &lt; e1 &lt; … &lt; ek: bin 0 is value &lt; e0, bin i is e(i−1) ≤ value &lt; ei,
 * bin k+1 is value ≥ ek; a feature that can be unknown (NaN: no payment history, never contacted) has one more
 * bin, "missing". Edges come from domain sense (days late in weeks and months, the default aging buckets,
 * amounts of the demo's debtor sizes), not from fitting.
 */
public enum RiskFeature {
    /** Mean days late of the last 10 invoices settled by payment; missing without any. */
    MEAN_DAYS_LATE(Scope.DEBTOR, true, 1, 8, 16, 31, 61),
    /** Share of those paid after their due date. */
    SHARE_LATE(Scope.DEBTOR, true, 0.25, 0.5, 0.75),
    /** Mean days late of the last 3 settled − the earlier ones (needs 5 settled). */
    TREND_DAYS(Scope.DEBTOR, true, -10, 11),
    /** The debtor's overdue open balance, CLP. */
    OVERDUE_CLP(Scope.DEBTOR, false, 500_000, 2_000_000, 10_000_000),
    /** The debtor's overdue invoices with an open balance. */
    OVERDUE_COUNT(Scope.DEBTOR, false, 2, 4, 8),
    /** Promises judged and kept. */
    PROMISES_KEPT(Scope.DEBTOR, false, 1, 2),
    /** Promises judged and broken. */
    PROMISES_BROKEN(Scope.DEBTOR, false, 1, 2, 3),
    /** DISPUTED contacts in the last 90 days. */
    DISPUTES_RECENT(Scope.DEBTOR, false, 1, 2),
    /** Open invoices with a DISPUTED contact. */
    OPEN_DISPUTES(Scope.DEBTOR, false, 1),
    /** Days since the last contact; missing when never contacted. */
    DAYS_SINCE_CONTACT(Scope.DEBTOR, true, 8, 15, 31),
    /** 1 when the last contact reached the debtor, 0 when not; missing when never contacted. */
    LAST_CONTACT_RIGHT_PARTY(Scope.DEBTOR, true, 1),
    /** Days since the debtor's last payment on any invoice; missing when it never paid. */
    DAYS_SINCE_PAYMENT(Scope.DEBTOR, true, 15, 31, 61, 91),
    /** 1 for a consumer (Ley 19.496), 0 for a company. */
    CONSUMER(Scope.DEBTOR, false, 1),
    /** The item's days past due as of the day (≥ 1: the model scores overdue items). */
    DAYS_PAST_DUE(Scope.ITEM, false, 16, 31, 61, 91, 181),
    /** The item's open balance as of the day, CLP. */
    OPEN_CLP(Scope.ITEM, false, 100_000, 500_000, 2_000_000, 10_000_000);

    /** Whether a feature is computed once per debtor (live) or per open item (in SQL). */
    public enum Scope { DEBTOR, ITEM }

    private final Scope scope;
    private final boolean canBeMissing;
    private final double[] defaultEdges;

    RiskFeature(Scope scope, boolean canBeMissing, double... defaultEdges) {
        this.scope = scope;
        this.canBeMissing = canBeMissing;
        this.defaultEdges = defaultEdges;
    }

    public Scope scope() {
        return scope;
    }

    /** True when the feature has a "missing" bin (its value can be NaN). */
    public boolean canBeMissing() {
        return canBeMissing;
    }

    /** The bin edges used when training a new model (a loaded model carries its own). */
    public double[] defaultEdges() {
        return defaultEdges.clone();
    }

    /** The feature's value for a debtor and one of its open items; NaN when unknown. */
    public double valueOf(DebtorFeatures f, long daysPastDue, long openClp) {
        switch (this) {
            case MEAN_DAYS_LATE:
                return f.meanDaysLate();
            case SHARE_LATE:
                return f.shareLate();
            case TREND_DAYS:
                return f.trendDays();
            case OVERDUE_CLP:
                return f.overdueClp();
            case OVERDUE_COUNT:
                return f.overdueCount();
            case PROMISES_KEPT:
                return f.promisesKept();
            case PROMISES_BROKEN:
                return f.promisesBroken();
            case DISPUTES_RECENT:
                return f.disputesRecent();
            case OPEN_DISPUTES:
                return f.openDisputes();
            case DAYS_SINCE_CONTACT:
                return f.daysSinceLastContact() == DebtorFeatures.NEVER ? Double.NaN : f.daysSinceLastContact();
            case LAST_CONTACT_RIGHT_PARTY:
                return f.daysSinceLastContact() == DebtorFeatures.NEVER ? Double.NaN : f.lastContactRightParty() ? 1 : 0;
            case DAYS_SINCE_PAYMENT:
                return f.daysSinceLastPayment() == DebtorFeatures.NEVER ? Double.NaN : f.daysSinceLastPayment();
            case CONSUMER:
                return f.consumer() ? 1 : 0;
            case DAYS_PAST_DUE:
                return daysPastDue;
            case OPEN_CLP:
                return openClp;
            default:
                throw new IllegalStateException("no value for " + this);
        }
    }

    /** The value as a reason a collector reads, in Spanish: "3 promesas incumplidas", "62 días vencida". */
    public String describe(double value) {
        if (Double.isNaN(value)) {
            switch (this) {
                case MEAN_DAYS_LATE:
                case SHARE_LATE:
                    return "sin historial de pagos";
                case TREND_DAYS:
                    return "historial corto para ver tendencia";
                case DAYS_SINCE_CONTACT:
                case LAST_CONTACT_RIGHT_PARTY:
                    return "nunca contactado";
                case DAYS_SINCE_PAYMENT:
                    return "nunca ha pagado";
                default:
                    return name().toLowerCase() + " desconocido";
            }
        }
        long n = Math.round(value);
        switch (this) {
            case MEAN_DAYS_LATE:
                return n < 1 ? "paga a tiempo" : "paga en promedio " + days(n) + " tarde";
            case SHARE_LATE:
                return "paga tarde el " + Math.round(value * 100) + " % de sus facturas";
            case TREND_DAYS:
                return value >= 11 ? "sus atrasos empeoran (+" + days(n) + ")"
                        : value < -10 ? "sus atrasos mejoran (−" + days(-n) + ")" : "atrasos estables";
            case OVERDUE_CLP:
                return "deuda vencida de " + Clp.of(n);
            case OVERDUE_COUNT:
                return n == 1 ? "1 factura vencida" : n + " facturas vencidas";
            case PROMISES_KEPT:
                return n == 0 ? "sin promesas cumplidas" : n == 1 ? "1 promesa cumplida" : n + " promesas cumplidas";
            case PROMISES_BROKEN:
                return n == 0 ? "sin promesas incumplidas" : n == 1 ? "1 promesa incumplida" : n + " promesas incumplidas";
            case DISPUTES_RECENT:
                return n == 0 ? "sin disputas recientes" : n == 1 ? "1 disputa en 90 días" : n + " disputas en 90 días";
            case OPEN_DISPUTES:
                return n == 0 ? "sin disputas abiertas" : n == 1 ? "disputa abierta" : n + " disputas abiertas";
            case DAYS_SINCE_CONTACT:
                return n == 0 ? "contactado hoy" : n < 8 ? "contactado hace " + days(n) : "sin contacto hace " + days(n);
            case LAST_CONTACT_RIGHT_PARTY:
                return n == 1 ? "último contacto habló con el deudor" : "último contacto no llegó al deudor";
            case DAYS_SINCE_PAYMENT:
                return n == 0 ? "pagó hoy" : "último pago hace " + days(n);
            case CONSUMER:
                return n == 1 ? "deudor consumidor (persona)" : "deudor empresa";
            case DAYS_PAST_DUE:
                return days(n) + " vencida";
            case OPEN_CLP:
                return "saldo de " + Clp.of(n);
            default:
                throw new IllegalStateException("no text for " + this);
        }
    }

    private static String days(long n) {
        return n == 1 ? "1 día" : n + " días";
    }
}
