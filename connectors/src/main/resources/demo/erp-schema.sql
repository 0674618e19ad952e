-- The demo ERP: a small Chilean pyme's receivables, as many local ERPs keep them.
-- REPLICA IDENTITY FULL so that updates and deletes carry the whole before-image to Debezium.
CREATE TABLE IF NOT EXISTS customers (
    id          BIGSERIAL PRIMARY KEY,
    rut         TEXT        NOT NULL,            -- as typed by the clerk: 12.345.678-5
    name        TEXT        NOT NULL,
    email       TEXT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS invoices (
    id          BIGSERIAL PRIMARY KEY,
    dte_type    SMALLINT    NOT NULL,            -- 33 factura, 34 exenta, 56 nota de débito
    folio       BIGINT      NOT NULL,
    customer_id BIGINT      NOT NULL REFERENCES customers(id),
    issue_date  DATE        NOT NULL,            -- FchEmis
    due_date    DATE,                            -- FchVenc; null means 30 days (Ley 21.131)
    total_clp   BIGINT      NOT NULL,            -- MntTotal, whole pesos
    currency    CHAR(3)     NOT NULL DEFAULT 'CLP',
    UNIQUE (dte_type, folio)
);
CREATE TABLE IF NOT EXISTS credit_notes (
    id          BIGSERIAL PRIMARY KEY,
    folio       BIGINT      NOT NULL UNIQUE,     -- DTE 61
    invoice_id  BIGINT      NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
    issue_date  DATE        NOT NULL,
    amount_clp  BIGINT      NOT NULL,
    reason_code SMALLINT    NOT NULL             -- 1 anula, 2 corrige texto, 3 corrige montos
);
CREATE TABLE IF NOT EXISTS payments (
    id          BIGSERIAL PRIMARY KEY,
    invoice_id  BIGINT      NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
    paid_on     DATE        NOT NULL,
    amount_clp  BIGINT      NOT NULL,
    method      TEXT        NOT NULL DEFAULT 'transferencia',
    reversed    BOOLEAN     NOT NULL DEFAULT false
);
ALTER TABLE customers    REPLICA IDENTITY FULL;
ALTER TABLE invoices     REPLICA IDENTITY FULL;
ALTER TABLE credit_notes REPLICA IDENTITY FULL;
ALTER TABLE payments     REPLICA IDENTITY FULL;

-- Lookups the demo generator makes on every step; indexes add no captured column.
CREATE INDEX IF NOT EXISTS payments_invoice     ON payments (invoice_id);
CREATE INDEX IF NOT EXISTS credit_notes_invoice ON credit_notes (invoice_id);
CREATE INDEX IF NOT EXISTS invoices_customer    ON invoices (customer_id);

-- The demo's hidden truth: how each debtor pays (DebtorBehaviour, DebtorProfile), so that a risk model can be
-- scored against it. NOT captured: Debezium's publication lists only the four tables above. Rows are written by
-- the demo generator when it creates a customer; a real ERP has no such table.
CREATE TABLE IF NOT EXISTS demo_behaviours (
    customer_id                 BIGINT           PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
    behaviour                   TEXT             NOT NULL,  -- PUNTUAL, HABITUALMENTE_ATRASADO, CRONICO, MOROSO, DISPUTADOR
    seed                        BIGINT           NOT NULL,  -- the debtor's own random streams (invoice and promise fates)
    size                        TEXT             NOT NULL,  -- PERSONA (natural person), MICRO, PEQUENA, MEDIANA, GRANDE
    median_net_clp              BIGINT           NOT NULL,  -- invoice amounts are log-normal around it
    amount_sigma                DOUBLE PRECISION NOT NULL,
    terms_days                  INT              NOT NULL,  -- agreed payment terms; 0 = contado
    activity                    DOUBLE PRECISION NOT NULL,  -- relative purchase frequency
    exempt_share                DOUBLE PRECISION NOT NULL,  -- share of facturas exentas (DTE 34)
    mean_delay_days             DOUBLE PRECISION NOT NULL,  -- days from due date to payment; negative = early
    delay_spread_days           DOUBLE PRECISION NOT NULL,
    min_delay_days              INT              NOT NULL,
    max_delay_days              INT              NOT NULL,
    partial_payment_probability DOUBLE PRECISION NOT NULL,
    promise_probability         DOUBLE PRECISION NOT NULL,  -- a reached debtor promises to pay
    promise_keeping_probability DOUBLE PRECISION NOT NULL,
    refusal_probability         DOUBLE PRECISION NOT NULL,
    contactability              DOUBLE PRECISION NOT NULL,  -- a call reaches the right person
    dispute_probability         DOUBLE PRECISION NOT NULL,
    bounce_probability          DOUBLE PRECISION NOT NULL,  -- a payment is a cheque that bounces
    defaults_on                 DATE,                       -- MOROSO: the day it stopped paying
    assigned_at                 TIMESTAMPTZ      NOT NULL DEFAULT now()
);
