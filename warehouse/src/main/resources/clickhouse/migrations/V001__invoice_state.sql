-- First schema: current invoice state, the receivables KPI per client and day, and client names.
-- ReplacingMergeTree(version) keyed by natural keys: a replay writes the same keys again and
-- converges instead of double counting; readers take the newest version (FINAL or argMax).
-- Keep to the SQL that both ClickHouse 18.16 and current servers run (docs/clickhouse-portable-sql.md).

CREATE TABLE IF NOT EXISTS invoice_state (
    client_id String,
    invoice_id String,
    debtor_id String,
    dte_type UInt16,
    folio UInt64,
    issue_date Date,
    due_date Date,
    total_clp Int64,
    credited_clp Int64,
    paid_clp Int64,
    open_clp Int64,
    is_deleted UInt8,
    version UInt64,
    updated_at DateTime
) ENGINE = ReplacingMergeTree(version)
ORDER BY (client_id, invoice_id);

CREATE TABLE IF NOT EXISTS client_receivables_daily (
    client_id String,
    as_of Date,
    open_clp Int64,
    overdue_clp Int64,
    open_invoices UInt64,
    overdue_invoices UInt64,
    version UInt64,
    updated_at DateTime
) ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(as_of)
ORDER BY (client_id, as_of);

CREATE TABLE IF NOT EXISTS clients (
    client_id String,
    name String,
    rut String,
    version UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY client_id;
