-- edited after it was applied: must be refused
CREATE TABLE IF NOT EXISTS mig_a (id UInt64) ENGINE = MergeTree ORDER BY id;
