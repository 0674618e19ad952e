-- Payment plans negotiated with a debtor over one or more invoices. Each instalment is also written as a
-- promise to pay (collections.promises, plan_id set), which is what the CDC path carries to the KPIs
-- (promise-kept rate); the plan rows themselves are read by the debtor page. Notes on promises too.
CREATE TABLE IF NOT EXISTS collections.payment_plans (
    id          BIGSERIAL PRIMARY KEY,
    client_id   TEXT          NOT NULL,
    debtor_id   TEXT          NOT NULL,
    agreed_on   DATE          NOT NULL,
    total_clp   NUMERIC(18,0) NOT NULL,
    notes       TEXT,
    recorded_by TEXT,
    recorded_at TIMESTAMPTZ DEFAULT now()
);
CREATE TABLE IF NOT EXISTS collections.plan_instalments (
    plan_id    BIGINT        NOT NULL REFERENCES collections.payment_plans (id) ON DELETE CASCADE,
    seq        INT           NOT NULL,
    due_date   DATE          NOT NULL,
    amount_clp NUMERIC(18,0) NOT NULL,
    PRIMARY KEY (plan_id, seq)
);
CREATE INDEX IF NOT EXISTS payment_plans_debtor ON collections.payment_plans (client_id, debtor_id);
ALTER TABLE collections.promises ADD COLUMN IF NOT EXISTS plan_id BIGINT;
ALTER TABLE collections.promises ADD COLUMN IF NOT EXISTS notes TEXT;
