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
