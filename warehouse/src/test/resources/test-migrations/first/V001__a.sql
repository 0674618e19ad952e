-- two statements in one file; the ';' inside the literal is mid-line and does not split
CREATE TABLE IF NOT EXISTS mig_a (id UInt32, note String DEFAULT 'a; b') ENGINE = MergeTree ORDER BY id;
CREATE TABLE IF NOT EXISTS mig_a2 (id UInt32) ENGINE = MergeTree ORDER BY id;
-- trailing comment only
