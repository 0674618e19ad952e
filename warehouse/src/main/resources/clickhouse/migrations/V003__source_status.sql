-- Health of each captured source, reported every few seconds by whatever runs the capture (the local
-- stack's embedded engines; in the distributed mode, a reporter reading Kafka Connect's status):
-- state, changes captured, replication lag, last error. The newest report per source wins.

CREATE TABLE IF NOT EXISTS source_status (
    source String,
    client_id String,
    kind String,
    state String,
    captured UInt64,
    lag_bytes Nullable(Int64),
    last_error String,
    reported_at DateTime,
    version UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY source;
