-- What stops or escalates collection beyond the invoices themselves (issue 6): per debtor, the consumer
-- flag override, a lawsuit served and insolvency proceedings; per invoice, disputes (the buyer's claim in
-- the SII register within 8 days of issue, or a dispute raised with a collector) until resolved; per
-- debtor, managers' decisions on proposed legal escalation (never automatic). And the time of day of
-- each contact, which Chile's consumer rules need (hours, weekly limits, two days between messages).
ALTER TABLE collections.collection_actions ADD COLUMN IF NOT EXISTS contacted_at TIMESTAMPTZ;

CREATE TABLE IF NOT EXISTS collections.debtor_status (
    client_id         TEXT NOT NULL,
    debtor_id         TEXT NOT NULL,
    consumer          BOOLEAN,        -- null: from the RUT (natural person below 50.000.000)
    lawsuit_served_on DATE,           -- no contact at all from this day
    insolvency_on     DATE,           -- no contact at all from this day (Ley 20.720 proceedings)
    updated_by        TEXT,
    updated_at        TIMESTAMPTZ DEFAULT now(),
    PRIMARY KEY (client_id, debtor_id)
);

CREATE TABLE IF NOT EXISTS collections.disputes (
    id          BIGSERIAL PRIMARY KEY,
    client_id   TEXT NOT NULL,
    invoice_id  TEXT NOT NULL,
    source      TEXT NOT NULL CHECK (source IN ('SII', 'DEBTOR')),
    opened_on   DATE NOT NULL,
    resolved_on DATE,
    notes       TEXT,
    recorded_by TEXT,
    recorded_at TIMESTAMPTZ DEFAULT now()
);
CREATE INDEX IF NOT EXISTS disputes_invoice ON collections.disputes (client_id, invoice_id);

CREATE TABLE IF NOT EXISTS collections.legal_decisions (
    id           BIGSERIAL PRIMARY KEY,
    client_id    TEXT          NOT NULL,
    debtor_id    TEXT          NOT NULL,
    decision     TEXT          NOT NULL CHECK (decision IN ('APPROVED', 'REJECTED')),
    open_clp     NUMERIC(18,0) NOT NULL,   -- what the debtor owed when the manager decided
    reason       TEXT,
    decided_by   TEXT          NOT NULL,
    decided_on   DATE          NOT NULL,
    decided_at   TIMESTAMPTZ DEFAULT now()
);
CREATE INDEX IF NOT EXISTS legal_decisions_debtor ON collections.legal_decisions (client_id, debtor_id);
