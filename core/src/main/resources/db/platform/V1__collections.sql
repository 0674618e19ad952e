-- Flyway migration V1 of the platform database (the API and the local stack both run them, idempotently).
-- The platform's own record of collection work, kept per client in schema `collections` and captured
-- by Debezium to raw.platform.collections.<table> (PlatformNormalizer reads the client from client_id).
-- REPLICA IDENTITY FULL so that updates and deletes carry the whole before-image to Debezium.
CREATE SCHEMA IF NOT EXISTS collections;
CREATE TABLE IF NOT EXISTS collections.collection_actions (
    id            BIGSERIAL PRIMARY KEY,
    client_id     TEXT        NOT NULL,          -- the pyme whose invoice is being collected
    invoice_id    TEXT        NOT NULL,          -- the invoice id as its ERP keeps it
    action_date   DATE        NOT NULL,
    channel       TEXT        NOT NULL,          -- EMAIL, SMS, WHATSAPP, CALL, VISIT, LETTER, LEGAL_FILING
    outcome       TEXT        NOT NULL,          -- CONTACTED, PROMISED_TO_PAY, DISPUTED, REFUSED, NO_ANSWER, ...
    agent_minutes INT         NOT NULL DEFAULT 0,
    notes         TEXT,
    recorded_by   TEXT,
    recorded_at   TIMESTAMPTZ DEFAULT now()
);
CREATE TABLE IF NOT EXISTS collections.promises (
    id            BIGSERIAL PRIMARY KEY,
    client_id     TEXT          NOT NULL,
    invoice_id    TEXT          NOT NULL,
    made_on       DATE          NOT NULL,
    promised_date DATE          NOT NULL,
    amount_clp    NUMERIC(18,0) NOT NULL,        -- whole pesos; Debezium sends it as text (decimal.handling.mode=string)
    recorded_by   TEXT,
    recorded_at   TIMESTAMPTZ DEFAULT now()
);
CREATE INDEX IF NOT EXISTS collection_actions_invoice ON collections.collection_actions (client_id, invoice_id);
CREATE INDEX IF NOT EXISTS promises_invoice ON collections.promises (client_id, invoice_id);
ALTER TABLE collections.collection_actions REPLICA IDENTITY FULL;
ALTER TABLE collections.promises           REPLICA IDENTITY FULL;
