package cl.cobranza.core.access;

/** Something a user of the platform may do; each {@link Role} grants a fixed set of them. */
public enum Permission {
    /** Read the KPIs, series, cohorts and debtors of clients in scope. */
    VIEW_KPIS,
    /** Compare the clients in scope side by side, with percentiles within the agency. */
    VIEW_PORTFOLIO,
    /** Read the worklist, debtor pages and invoices of clients in scope. */
    VIEW_WORKLIST,
    /** Record collection actions, promises to pay and payment plans for clients in scope. */
    RECORD_WORK,
    /**
     * Manage what stops or escalates collection: a debtor's consumer flag, lawsuit and insolvency, and the
     * decision on a proposed legal escalation (the policy never escalates by itself).
     */
    MANAGE_COLLECTION,
    /** Read configured groups of clients (only groups whose every member is in scope). */
    VIEW_GROUPS,
    /** Read the whole agency rolled up. */
    VIEW_AGENCY,
    /** Read rejected input records of clients in scope. */
    VIEW_DATA_QUALITY,
    /** Read the capture health of every source (names hosts and databases of every client). */
    VIEW_SOURCES,
    /** Create, change and remove users. */
    MANAGE_USERS,
    /** Read operational metrics (Prometheus). */
    VIEW_METRICS
}
