-- Collection activity per invoice, written with each invoice snapshot, for the collectors' worklist and
-- the debtor timeline: the last action, the number of actions, the latest promise to pay, the promises
-- broken as of the day the snapshot was taken, and the dated payments and credit notes as a compact JSON
-- array [{"date":"2026-12-03","kind":"PAYMENT","amountClp":250000}, ...] (kind PAYMENT or CREDIT_NOTE).
-- "None" is the zero Date (shown 0000-00-00 by 18.16, 1970-01-01 by current servers), '' and 0; readers
-- map the zero Date to null. One ALTER: 18.16 has no ADD COLUMN IF NOT EXISTS, and a single statement
-- cannot stop half-way.
ALTER TABLE invoice_state
    ADD COLUMN last_action_date Date,
    ADD COLUMN last_channel String,
    ADD COLUMN last_outcome String,
    ADD COLUMN actions UInt32,
    ADD COLUMN promise_made_on Date,
    ADD COLUMN promise_date Date,
    ADD COLUMN promise_clp Int64,
    ADD COLUMN broken_promises UInt32,
    ADD COLUMN movements String;
