-- "ERP en español": a Chilean pyme ERP with Spanish names, one table for every tax document, and payments
-- (abonos) applied to documents through an application table. Read with the mapping profile erp-espanol.yaml.
-- PostgreSQL 12+. REPLICA IDENTITY FULL so that updates and deletes carry the whole before-image to Debezium.
CREATE TABLE IF NOT EXISTS clientes (
    id                BIGSERIAL PRIMARY KEY,
    rut_cuerpo        INT           NOT NULL UNIQUE,  -- RUT sin dígito verificador: 12345678
    rut_dv            CHAR(1)       NOT NULL,         -- dígito verificador: 0-9 o K
    razon_social      TEXT          NOT NULL,
    giro              TEXT,
    correo            TEXT,
    creado_en         TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS documentos (
    id                BIGSERIAL PRIMARY KEY,
    tipo_dte          VARCHAR(3)    NOT NULL,         -- FAC factura 33, FEX exenta 34, ND nota de débito 56, NC nota de crédito 61
    folio             BIGINT        NOT NULL,
    cliente_id        BIGINT        NOT NULL REFERENCES clientes(id),
    fecha_emision     DATE          NOT NULL,         -- FchEmis
    fecha_vencimiento DATE,                           -- FchVenc; null: 30 días (Ley 21.131)
    monto_total       NUMERIC(14,2) NOT NULL,         -- MntTotal; Debezium sends it as text (decimal.handling.mode=string)
    moneda            CHAR(3)       NOT NULL DEFAULT 'CLP',
    documento_ref_id  BIGINT        REFERENCES documentos(id),  -- NC: the document it corrects
    anulado           BOOLEAN       NOT NULL DEFAULT false,     -- cancelled in the ERP: rows are never deleted
    UNIQUE (tipo_dte, folio)
);
CREATE TABLE IF NOT EXISTS abonos (
    id                BIGSERIAL PRIMARY KEY,
    cliente_id        BIGINT        NOT NULL REFERENCES clientes(id),
    fecha_pago        DATE          NOT NULL,
    monto             NUMERIC(14,2) NOT NULL,
    medio             TEXT          NOT NULL DEFAULT 'transferencia',
    reversado         BOOLEAN       NOT NULL DEFAULT false
);
-- One row per (abono, documento): how much of the payment went to that document. A change event carries only
-- its own row, so the application carries its abono's fecha_pago and reversado too: the triggers below copy
-- them on insert and whenever the abono changes (which the capture then sees as updates of the applications).
CREATE TABLE IF NOT EXISTS aplicaciones_abono (
    id                BIGSERIAL PRIMARY KEY,
    abono_id          BIGINT        NOT NULL REFERENCES abonos(id),
    documento_id      BIGINT        NOT NULL REFERENCES documentos(id),
    monto_aplicado    NUMERIC(14,2) NOT NULL,
    fecha_pago        DATE          NOT NULL,         -- = abonos.fecha_pago, kept by the triggers
    reversado         BOOLEAN       NOT NULL DEFAULT false  -- = abonos.reversado, kept by the triggers
);
CREATE INDEX IF NOT EXISTS aplicaciones_abono_abono ON aplicaciones_abono (abono_id);

CREATE OR REPLACE FUNCTION aplicacion_copia_abono() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT a.fecha_pago, a.reversado INTO NEW.fecha_pago, NEW.reversado FROM abonos a WHERE a.id = NEW.abono_id;
    RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS aplicaciones_abono_copia ON aplicaciones_abono;
CREATE TRIGGER aplicaciones_abono_copia BEFORE INSERT OR UPDATE ON aplicaciones_abono
    FOR EACH ROW EXECUTE FUNCTION aplicacion_copia_abono();

CREATE OR REPLACE FUNCTION abono_propaga() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE aplicaciones_abono SET fecha_pago = NEW.fecha_pago, reversado = NEW.reversado
     WHERE abono_id = NEW.id AND (fecha_pago, reversado) IS DISTINCT FROM (NEW.fecha_pago, NEW.reversado);
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS abonos_propaga ON abonos;
CREATE TRIGGER abonos_propaga AFTER UPDATE OF fecha_pago, reversado ON abonos
    FOR EACH ROW EXECUTE FUNCTION abono_propaga();

ALTER TABLE clientes           REPLICA IDENTITY FULL;
ALTER TABLE documentos         REPLICA IDENTITY FULL;
ALTER TABLE abonos             REPLICA IDENTITY FULL;
ALTER TABLE aplicaciones_abono REPLICA IDENTITY FULL;
