-- The rejected record's key (its primary key as the capture wrote it, e.g. {"id":1001}), so a data-quality
-- report names the source row without reading the value.
ALTER TABLE dead_letters ADD COLUMN record_key String AFTER offset;
