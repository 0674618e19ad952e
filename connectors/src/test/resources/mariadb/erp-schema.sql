-- A small Chilean ERP's receivables, the shape many local ERPs on MariaDB/MySQL have (names in Spanish).
-- One statement per ';' line end; no ';' inside literals (the tests split on it).

CREATE TABLE clientes (
  id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  rut_cuerpo    INT          NOT NULL,            -- RUT without the check digit, e.g. 76543210
  rut_dv        CHAR(1)      NOT NULL,            -- check digit: 0-9 or K
  razon_social  VARCHAR(200) NOT NULL,
  UNIQUE KEY uq_clientes_rut (rut_cuerpo)
) ENGINE=InnoDB;

CREATE TABLE documentos (
  id                 BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  tipo_dte           SMALLINT      NOT NULL,      -- SII document type: 33 factura, 34 exenta, 56 nota de débito, 61 nota de crédito
  folio              BIGINT        NOT NULL,
  cliente_id         BIGINT        NOT NULL,
  fecha_emision      DATE          NOT NULL,
  fecha_vencimiento  DATE          NULL,
  monto_total        DECIMAL(14,2) NOT NULL,
  moneda             CHAR(3)       NOT NULL DEFAULT 'CLP',
  documento_ref_id   BIGINT        NULL,          -- a credit or debit note's invoice
  anulado            BOOLEAN       NOT NULL DEFAULT FALSE,
  UNIQUE KEY uq_documentos_folio (tipo_dte, folio),
  CONSTRAINT fk_documentos_cliente FOREIGN KEY (cliente_id) REFERENCES clientes (id),
  CONSTRAINT fk_documentos_ref FOREIGN KEY (documento_ref_id) REFERENCES documentos (id)
) ENGINE=InnoDB;

CREATE TABLE abonos (
  id          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  cliente_id  BIGINT        NOT NULL,
  fecha       DATE          NOT NULL,
  monto       DECIMAL(14,2) NOT NULL,
  medio_pago  VARCHAR(20)   NOT NULL,               -- transferencia, cheque, efectivo, tarjeta
  reversado   BOOLEAN       NOT NULL DEFAULT FALSE,
  CONSTRAINT fk_abonos_cliente FOREIGN KEY (cliente_id) REFERENCES clientes (id)
) ENGINE=InnoDB;

CREATE TABLE aplicaciones_abono (
  id              BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  abono_id        BIGINT        NOT NULL,
  documento_id    BIGINT        NOT NULL,
  monto_aplicado  DECIMAL(14,2) NOT NULL,
  CONSTRAINT fk_aplicaciones_abono FOREIGN KEY (abono_id) REFERENCES abonos (id),
  CONSTRAINT fk_aplicaciones_documento FOREIGN KEY (documento_id) REFERENCES documentos (id)
) ENGINE=InnoDB;
