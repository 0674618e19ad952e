package cl.cobranza.core.ledger;

/** Column indices of the ledger's level, flow and cohort vectors (see {@link InvoiceContribution}). */
final class Metrics {
    private Metrics() {
    }

    // levels: values as of a day, kept as steps (the change on the day it happens)
    static final int L_OPEN = 0;
    static final int L_OPEN_COUNT = 1;
    static final int L_OVERDUE = 2;
    static final int L_OVERDUE_COUNT = 3;
    /** Σ open × due epoch day over overdue invoices: Σ open × DPD = day × overdue − this. */
    static final int L_OVERDUE_DUE_WEIGHT = 4;
    /** First overdue aging bucket (bucket 1); buckets continue to the last, open-ended one. */
    static final int L_AGING_FIRST = 5;

    static int levelCount(int bucketCount) {
        return L_AGING_FIRST + bucketCount - 1;
    }

    // flows: amounts and counts dated on a day
    static final int F_SALES = 0;
    static final int F_CREDIT_NOTES = 1;
    static final int F_COLLECTED = 2;
    static final int F_NEWLY_PLACED = 3;
    static final int F_RECOVERED = 4;
    static final int F_CLOSED_COUNT = 5;
    static final int F_CLOSED_WEIGHT = 6;
    static final int F_CLOSED_WEIGHT_DAYS = 7;
    static final int F_PROMISES_DUE = 8;
    static final int F_PROMISES_KEPT = 9;
    static final int F_ACTIONS = 10;
    static final int F_ACTION_COST = 11;
    static final int F_PASSED_ON = 12;
    static final int F_ATTEMPTS = 13;
    static final int F_RPC = 14;
    static final int F_WORKED = 15;
    static final int FLOW_COUNT = 16;
    /** Flows shown in the daily rows (the others only change monthly rows). */
    static final int DAILY_FLOWS = 3;

    // cohorts: per placement month
    static final int C_INVOICES = 0;
    static final int C_PLACED = 1;
    static final int C_RECOVERED_FIRST = 2;
    static final int COHORT_COUNT = 7;
}
