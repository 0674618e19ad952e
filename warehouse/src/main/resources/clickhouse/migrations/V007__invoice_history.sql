-- Every live action and promise of an invoice, written with each invoice snapshot, so that the risk model
-- can be trained from the warehouse (docs/risk-model.md): JSON arrays
-- contacts [{"date":"2026-12-03","channel":"CALL","outcome":"NO_ANSWER"}, ...] and
-- promises [{"madeOn":"2026-12-03","promisedDate":"2026-12-10","amountClp":250000}, ...], in date order.
-- '' on rows written before this migration. One ALTER, as in V005.
ALTER TABLE invoice_state
    ADD COLUMN contacts String,
    ADD COLUMN promises String;
