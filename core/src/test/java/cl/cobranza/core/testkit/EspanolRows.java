package cl.cobranza.core.testkit;

import cl.cobranza.core.normalize.RawChange;

import java.util.HashMap;
import java.util.Map;

/**
 * Rows of the "ERP en español" (core/src/main/resources/profiles/erp-espanol.postgres.sql) as Debezium delivers
 * them from PostgreSQL: BIGSERIAL/BIGINT as {@code Long}, INT as {@code Integer}, DATE as an epoch-day
 * {@code Integer}, NUMERIC(14,2) as text {@code "1250000.00"} (decimal.handling.mode=string), BOOLEAN as
 * {@code Boolean}. The same facts as {@link ErpRows}: debtor 7, factura 1001 folio 5001, a credit note of
 * $250.000 on Feb 1 and a payment of $400.000 on Feb 10. {@link ErpRows#with} makes a changed copy.
 */
public final class EspanolRows {
    /** The capture's source name, which is the client id. */
    public static final String CLIENT = "pyme-sur";
    public static final String SCHEMA = "public";

    private EspanolRows() {
    }

    /** Cliente 7, RUT 12.345.678-5 split into body and check digit. */
    public static Map<String, Object> clienteRow() {
        Map<String, Object> row = new HashMap<>();
        row.put("id", 7L);
        row.put("rut_cuerpo", 12_345_678);
        row.put("rut_dv", "5");
        row.put("razon_social", "Ferretería El Tornillo");
        row.put("giro", "Ferretería");
        row.put("correo", "pagos@tornillo.cl");
        return row;
    }

    /** Factura (FAC = 33) 1001 folio 5001 of cliente 7, issued 2025-01-01, due 2025-01-31, $1.250.000,00. */
    public static Map<String, Object> facturaRow() {
        Map<String, Object> row = new HashMap<>();
        row.put("id", 1001L);
        row.put("tipo_dte", "FAC");
        row.put("folio", 5001L);
        row.put("cliente_id", 7L);
        row.put("fecha_emision", Days.JAN_1_EPOCH_DAY);
        row.put("fecha_vencimiento", Days.JAN_1_EPOCH_DAY + 30);
        row.put("monto_total", "1250000.00");
        row.put("moneda", "CLP");
        row.put("documento_ref_id", null);
        row.put("anulado", Boolean.FALSE);
        return row;
    }

    /** Nota de crédito (NC = 61) 1301 folio 8001 on documento 1001, issued 2025-02-01 (epoch day + 31), $250.000,00. */
    public static Map<String, Object> notaCreditoRow() {
        Map<String, Object> row = new HashMap<>();
        row.put("id", 1301L);
        row.put("tipo_dte", "NC");
        row.put("folio", 8001L);
        row.put("cliente_id", 7L);
        row.put("fecha_emision", Days.JAN_1_EPOCH_DAY + 31);
        row.put("fecha_vencimiento", null);
        row.put("monto_total", "250000.00");
        row.put("moneda", "CLP");
        row.put("documento_ref_id", 1001L);
        row.put("anulado", Boolean.FALSE);
        return row;
    }

    /** Abono 90 of cliente 7, paid 2025-02-10 (epoch day + 40), $400.000,00. */
    public static Map<String, Object> abonoRow() {
        Map<String, Object> row = new HashMap<>();
        row.put("id", 90L);
        row.put("cliente_id", 7L);
        row.put("fecha_pago", Days.JAN_1_EPOCH_DAY + 40);
        row.put("monto", "400000.00");
        row.put("medio", "transferencia");
        row.put("reversado", Boolean.FALSE);
        return row;
    }

    /** Aplicación 9001: $400.000,00 of abono 90 to documento 1001, with the abono's fecha_pago and reversado. */
    public static Map<String, Object> aplicacionRow() {
        Map<String, Object> row = new HashMap<>();
        row.put("id", 9001L);
        row.put("abono_id", 90L);
        row.put("documento_id", 1001L);
        row.put("monto_aplicado", "400000.00");
        row.put("fecha_pago", Days.JAN_1_EPOCH_DAY + 40);
        row.put("reversado", Boolean.FALSE);
        return row;
    }

    public static RawChange insert(String table, Map<String, Object> after, long position) {
        return new RawChange(CLIENT, SCHEMA, table, 'c', null, after, position);
    }

    public static RawChange read(String table, Map<String, Object> after, long position) {
        return new RawChange(CLIENT, SCHEMA, table, 'r', null, after, position);
    }

    public static RawChange update(String table, Map<String, Object> before, Map<String, Object> after, long position) {
        return new RawChange(CLIENT, SCHEMA, table, 'u', before, after, position);
    }

    public static RawChange delete(String table, Map<String, Object> before, long position) {
        return new RawChange(CLIENT, SCHEMA, table, 'd', before, null, position);
    }
}
