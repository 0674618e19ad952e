-- "ERP en español" on MariaDB 10.5+ (or MySQL 8): the same tables as erp-espanol.postgres.sql, read with the
-- mapping profile erp-espanol.yaml. Debezium needs binlog_format=ROW and binlog_row_image=FULL, so that updates
-- and deletes carry the whole before-image. No ON DELETE CASCADE: MariaDB does not write cascaded deletes to the
-- binlog, so the capture would never see them.
CREATE TABLE IF NOT EXISTS clientes (
    id                BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    rut_cuerpo        INT           NOT NULL UNIQUE,  -- RUT sin dígito verificador: 12345678
    rut_dv            CHAR(1)       NOT NULL,         -- dígito verificador: 0-9 o K
    razon_social      VARCHAR(200)  NOT NULL,
    giro              VARCHAR(200),
    correo            VARCHAR(200),
    creado_en         TIMESTAMP     NOT NULL DEFAULT CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE IF NOT EXISTS documentos (
    id                BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    tipo_dte          VARCHAR(3)    NOT NULL,         -- FAC factura 33, FEX exenta 34, ND nota de débito 56, NC nota de crédito 61
    folio             BIGINT        NOT NULL,
    cliente_id        BIGINT        NOT NULL,
    fecha_emision     DATE          NOT NULL,         -- FchEmis
    fecha_vencimiento DATE          NULL,             -- FchVenc; null: 30 días (Ley 21.131)
    monto_total       DECIMAL(14,2) NOT NULL,         -- MntTotal
    moneda            CHAR(3)       NOT NULL DEFAULT 'CLP',
    documento_ref_id  BIGINT        NULL,             -- NC: the document it corrects
    anulado           BOOLEAN       NOT NULL DEFAULT FALSE,  -- TINYINT(1); cancelled in the ERP: rows are never deleted
    UNIQUE KEY documentos_tipo_folio (tipo_dte, folio),
    CONSTRAINT documentos_cliente FOREIGN KEY (cliente_id) REFERENCES clientes (id),
    CONSTRAINT documentos_ref FOREIGN KEY (documento_ref_id) REFERENCES documentos (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE IF NOT EXISTS abonos (
    id                BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    cliente_id        BIGINT        NOT NULL,
    fecha_pago        DATE          NOT NULL,
    monto             DECIMAL(14,2) NOT NULL,
    medio             VARCHAR(40)   NOT NULL DEFAULT 'transferencia',
    reversado         BOOLEAN       NOT NULL DEFAULT FALSE,
    CONSTRAINT abonos_cliente FOREIGN KEY (cliente_id) REFERENCES clientes (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
-- One row per (abono, documento): how much of the payment went to that document. A change event carries only
-- its own row, so the application carries its abono's fecha_pago and reversado too: the triggers below copy
-- them on insert and whenever the abono changes (which the capture then sees as updates of the applications).
CREATE TABLE IF NOT EXISTS aplicaciones_abono (
    id                BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    abono_id          BIGINT        NOT NULL,
    documento_id      BIGINT        NOT NULL,
    monto_aplicado    DECIMAL(14,2) NOT NULL,
    fecha_pago        DATE          NOT NULL,         -- = abonos.fecha_pago, kept by the triggers
    reversado         BOOLEAN       NOT NULL DEFAULT FALSE,  -- = abonos.reversado, kept by the triggers
    KEY aplicaciones_abono_abono (abono_id),
    CONSTRAINT aplicaciones_abono_abono FOREIGN KEY (abono_id) REFERENCES abonos (id),
    CONSTRAINT aplicaciones_abono_documento FOREIGN KEY (documento_id) REFERENCES documentos (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Single-statement trigger bodies, so the script runs without DELIMITER in any client.
DROP TRIGGER IF EXISTS aplicaciones_abono_copia_ins;
CREATE TRIGGER aplicaciones_abono_copia_ins BEFORE INSERT ON aplicaciones_abono FOR EACH ROW
    SET NEW.fecha_pago = (SELECT a.fecha_pago FROM abonos a WHERE a.id = NEW.abono_id),
        NEW.reversado = (SELECT a.reversado FROM abonos a WHERE a.id = NEW.abono_id);
DROP TRIGGER IF EXISTS aplicaciones_abono_copia_upd;
CREATE TRIGGER aplicaciones_abono_copia_upd BEFORE UPDATE ON aplicaciones_abono FOR EACH ROW
    SET NEW.fecha_pago = (SELECT a.fecha_pago FROM abonos a WHERE a.id = NEW.abono_id),
        NEW.reversado = (SELECT a.reversado FROM abonos a WHERE a.id = NEW.abono_id);
DROP TRIGGER IF EXISTS abonos_propaga;
CREATE TRIGGER abonos_propaga AFTER UPDATE ON abonos FOR EACH ROW
    UPDATE aplicaciones_abono SET fecha_pago = NEW.fecha_pago, reversado = NEW.reversado
     WHERE abono_id = NEW.id AND NOT (fecha_pago <=> NEW.fecha_pago AND reversado <=> NEW.reversado);
