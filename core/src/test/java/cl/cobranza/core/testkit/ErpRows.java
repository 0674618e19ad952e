package cl.cobranza.core.testkit;

import cl.cobranza.core.normalize.RawChange;

import java.util.HashMap;
import java.util.Map;

/**
 * Rows of the demo ERP (connectors/src/main/resources/demo/erp-schema.sql) as Debezium delivers them:
 * BIGINT as {@code Long}, SMALLINT as {@code Short}, DATE as an epoch-day {@code Integer}, BOOLEAN as
 * {@code Boolean}. Each factory returns a fresh valid row; {@link #with} makes a changed copy.
 */
public final class ErpRows {
    public static final String CLIENT = Facts.CLIENT;
    public static final String SCHEMA = "public";

    private ErpRows() {
    }

    public static Map<String, Object> customerRow() {
        Map<String, Object> row = new HashMap<>();
        row.put("id", 7L);
        row.put("rut", "12.345.678-5");
        row.put("name", "Ferretería El Tornillo");
        row.put("email", "pagos@tornillo.cl");
        return row;
    }

    /** Factura 33 folio 5001, issued 2025-01-01, due 2025-01-31 (epoch day 20 089 + 30 = 20 119), $1.250.000. */
    public static Map<String, Object> invoiceRow() {
        Map<String, Object> row = new HashMap<>();
        row.put("id", 1001L);
        row.put("dte_type", (short) 33);
        row.put("folio", 5001L);
        row.put("customer_id", 7L);
        row.put("issue_date", Days.JAN_1_EPOCH_DAY);
        row.put("due_date", Days.JAN_1_EPOCH_DAY + 30);
        row.put("total_clp", 1_250_000L);
        row.put("currency", "CLP");
        return row;
    }

    /** Credit note 301 (folio 8001) on invoice 1001, issued 2025-02-01 (epoch day 20 089 + 31 = 20 120), $250.000. */
    public static Map<String, Object> creditNoteRow() {
        Map<String, Object> row = new HashMap<>();
        row.put("id", 301L);
        row.put("folio", 8001L);
        row.put("invoice_id", 1001L);
        row.put("issue_date", Days.JAN_1_EPOCH_DAY + 31);
        row.put("amount_clp", 250_000L);
        row.put("reason_code", (short) 3);
        return row;
    }

    /** Payment 9001 on invoice 1001, paid 2025-02-10 (epoch day 20 089 + 40 = 20 129), $400.000. */
    public static Map<String, Object> paymentRow() {
        Map<String, Object> row = new HashMap<>();
        row.put("id", 9001L);
        row.put("invoice_id", 1001L);
        row.put("paid_on", Days.JAN_1_EPOCH_DAY + 40);
        row.put("amount_clp", 400_000L);
        row.put("method", "transferencia");
        row.put("reversed", Boolean.FALSE);
        return row;
    }

    /** A copy of {@code row} with the given field/value pairs set (a null value removes nothing: it stores null). */
    public static Map<String, Object> with(Map<String, Object> row, Object... fieldValues) {
        Map<String, Object> copy = new HashMap<>(row);
        for (int i = 0; i < fieldValues.length; i += 2) {
            copy.put((String) fieldValues[i], fieldValues[i + 1]);
        }
        return copy;
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
