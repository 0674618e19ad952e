-- Each debtor's live risk (issue 6), written by the Flink job whenever one of its invoices or its RUT
-- changes: the features as of that day (JSON object, for the debtor page), the model's debtor part of
-- the logit (intercept + debtor-feature points; the worklist adds each item's days-past-due and amount
-- points when it ranks), the model version, and the debtor's reasons as a JSON array of
-- {"feature","text","impact"} (impact = points − the feature's average points, in logit units).
CREATE TABLE IF NOT EXISTS debtor_risk (
    client_id String,
    debtor_id String,
    as_of Date,
    model_version String,
    debtor_logit Float64,
    consumer UInt8,
    features String,
    reasons String,
    version UInt64,
    updated_at DateTime
) ENGINE = ReplacingMergeTree(version)
ORDER BY (client_id, debtor_id);
