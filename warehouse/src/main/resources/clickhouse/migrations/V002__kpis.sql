-- Every KPI of docs/kpis.md, written by the streaming ledger: one row per client and day (as of that
-- day), per client and month, per client and placement cohort. Rows hold the sums (so roll-ups add
-- them and recompute ratios) and the client's own ratios (null when undefined). No PARTITION BY: a
-- backdated fact rewrites rows across many months, and one part per insert keeps merges cheap.

CREATE TABLE IF NOT EXISTS kpi_client_daily (
    client_id String,
    day Date,
    open_clp Int64,
    open_invoices Int64,
    overdue_clp Int64,
    overdue_invoices Int64,
    current_clp Int64,
    aging_clp Array(Int64),
    overdue_clp_days Int64,
    weighted_dpd Nullable(Float64),
    sales_clp Int64,
    credit_notes_clp Int64,
    collected_clp Int64,
    sales_90d_clp Int64,
    dso_countback Float64,
    dso_standard Nullable(Float64),
    bpdso Nullable(Float64),
    add_days Nullable(Float64),
    version UInt64,
    updated_at DateTime
) ENGINE = ReplacingMergeTree(version)
ORDER BY (client_id, day);

CREATE TABLE IF NOT EXISTS kpi_client_monthly (
    client_id String,
    month Date,
    period_end Date,
    as_of Date,
    ar_start_clp Int64,
    sales_clp Int64,
    credit_notes_clp Int64,
    collected_clp Int64,
    ar_end_clp Int64,
    current_ar_end_clp Int64,
    dso_countback Float64,
    closed_invoices Int64,
    closed_weight_clp Int64,
    closed_weight_clp_days Int64,
    placed_start_clp Int64,
    newly_placed_clp Int64,
    recovered_clp Int64,
    promises_due Int64,
    promises_kept Int64,
    contact_attempts Int64,
    right_party_contacts Int64,
    actions Int64,
    action_cost_clp Int64,
    charges_passed_on_clp Int64,
    invoices_worked Int64,
    agency_fee_clp Int64,
    net_recovery_clp Int64,
    dso_standard Nullable(Float64),
    bpdso Nullable(Float64),
    add_days Nullable(Float64),
    cei Nullable(Float64),
    weighted_dpd_at_close Nullable(Float64),
    period_recovery_rate Nullable(Float64),
    promise_kept_rate Nullable(Float64),
    right_party_contact_rate Nullable(Float64),
    cost_per_invoice Nullable(Float64),
    cost_to_collect_pct Nullable(Float64),
    version UInt64,
    updated_at DateTime
) ENGINE = ReplacingMergeTree(version)
ORDER BY (client_id, month);

CREATE TABLE IF NOT EXISTS kpi_recovery_cohort (
    client_id String,
    cohort Date,
    invoices Int64,
    placed_clp Int64,
    recovered_clp Array(Int64),
    version UInt64,
    updated_at DateTime
) ENGINE = ReplacingMergeTree(version)
ORDER BY (client_id, cohort);

CREATE TABLE IF NOT EXISTS dead_letters (
    client_id String,
    topic String,
    partition UInt32,
    offset UInt64,
    table_name String,
    field String,
    reason String,
    value String,
    rejected_at DateTime,
    version UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY (client_id, topic, partition, offset);

CREATE TABLE IF NOT EXISTS debtors (
    client_id String,
    debtor_id String,
    rut String,
    name String,
    is_deleted UInt8,
    version UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY (client_id, debtor_id);

DROP TABLE IF EXISTS client_receivables_daily;
