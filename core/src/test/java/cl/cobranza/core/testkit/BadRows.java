package cl.cobranza.core.testkit;

import cl.cobranza.core.normalize.RawChange;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static cl.cobranza.core.testkit.EspanolRows.abonoRow;
import static cl.cobranza.core.testkit.EspanolRows.aplicacionRow;
import static cl.cobranza.core.testkit.EspanolRows.clienteRow;
import static cl.cobranza.core.testkit.EspanolRows.facturaRow;
import static cl.cobranza.core.testkit.EspanolRows.notaCreditoRow;
import static cl.cobranza.core.testkit.ErpRows.creditNoteRow;
import static cl.cobranza.core.testkit.ErpRows.customerRow;
import static cl.cobranza.core.testkit.ErpRows.invoiceRow;
import static cl.cobranza.core.testkit.ErpRows.paymentRow;
import static cl.cobranza.core.testkit.ErpRows.with;

/**
 * Rows that a mapping profile must reject, each with the column it must blame and fragments of the reason: a
 * corpus for the normaliser's tests and for the dead-letter end-to-end test. Sources are mapped to profiles by
 * {@link #PROFILE_BY_SOURCE}; every case is a single fault in an otherwise valid row of {@link ErpRows} or
 * {@link EspanolRows}.
 */
public final class BadRows {
    public static final String DEMO = "demo-erp";
    public static final String ESPANOL = "erp-espanol";
    /** The capture sources of the corpus and the profile each is read with. */
    public static final Map<String, String> PROFILE_BY_SOURCE = Map.of(ErpRows.CLIENT, DEMO, EspanolRows.CLIENT, ESPANOL);

    private BadRows() {
    }

    /** One bad row change: read with {@code profile}, it must be rejected on {@code field} with every reason fragment. */
    public record BadRow(String name, String profile, String table, char op, Map<String, Object> before,
                         Map<String, Object> after, String field, List<String> reason) {
        /** The change as the capture of this profile's source delivers it. */
        public RawChange change(long position) {
            String source = profile.equals(DEMO) ? ErpRows.CLIENT : EspanolRows.CLIENT;
            return new RawChange(source, "public", table, op, before, after, position);
        }

        @Override
        public String toString() {
            return profile + ": " + name;
        }
    }

    /** Every case, demo ERP first; names are unique. */
    public static List<BadRow> all() {
        List<BadRow> rows = new ArrayList<>();
        // --- demo-erp (connectors/src/main/resources/demo/erp-schema.sql)
        rows.add(insert(DEMO, "customer RUT with a wrong check digit", "customers",
                with(customerRow(), "rut", "12.345.678-4"), "rut", "wrong check digit", "expected 5"));
        rows.add(insert(DEMO, "customer RUT that is not a RUT", "customers",
                with(customerRow(), "rut", "12.345.67A-5"), "rut", "is not a RUT", "12.345.678-5"));
        rows.add(insert(DEMO, "customer with a blank name", "customers",
                with(customerRow(), "name", "  "), "name", "empty"));
        rows.add(insert(DEMO, "invoice without a total", "invoices",
                with(invoiceRow(), "total_clp", null), "total_clp", "missing"));
        rows.add(insert(DEMO, "invoice total with a fraction of a peso", "invoices",
                with(invoiceRow(), "total_clp", "1250000.50"), "total_clp", "1250000.50", "whole pesos"));
        rows.add(insert(DEMO, "invoice total in display form", "invoices",
                with(invoiceRow(), "total_clp", "$1.250.000"), "total_clp", "not a number", "whole CLP pesos"));
        rows.add(insert(DEMO, "invoice that is a boleta (DTE 39)", "invoices",
                with(invoiceRow(), "dte_type", (short) 39), "dte_type", "DTE type 39", "not a receivable"));
        rows.add(insert(DEMO, "invoice with folio 0", "invoices",
                with(invoiceRow(), "folio", 0L), "folio", "must be positive"));
        rows.add(insert(DEMO, "invoice in dollars", "invoices",
                with(invoiceRow(), "currency", "USD"), "currency", "USD", "only CLP"));
        rows.add(insert(DEMO, "invoice due before it was issued", "invoices",
                with(invoiceRow(), "due_date", Days.JAN_1_EPOCH_DAY - 1), "due_date", "2024-12-31",
                "before the issue date 2025-01-01"));
        rows.add(insert(DEMO, "invoice id that is not a number", "invoices",
                with(invoiceRow(), "id", "F-1001"), "id", "not a whole number", "F-1001"));
        rows.add(insert(DEMO, "credit note without its invoice", "credit_notes",
                with(creditNoteRow(), "invoice_id", null), "invoice_id", "missing"));
        rows.add(insert(DEMO, "payment with a negative amount", "payments",
                with(paymentRow(), "amount_clp", -400_000L), "amount_clp", "negative", "credit note"));
        rows.add(insert(DEMO, "payment dated dd-MM-yyyy", "payments",
                with(paymentRow(), "paid_on", "10-02-2025"), "paid_on", "10-02-2025", "expected yyyy-MM-dd"));
        rows.add(insert(DEMO, "payment reversed flag that is neither yes nor no", "payments",
                with(paymentRow(), "reversed", "quizás"), "reversed", "not a yes/no value", "quizás"));
        rows.add(insert(DEMO, "table the profile does not map", "orders",
                Map.of("id", 1L), "table", "'orders'", "capture only customers, invoices, credit_notes, payments"));
        rows.add(new BadRow("truncate", DEMO, "invoices", 't', null, null, "op", List.of("'t'", "resnapshot")));
        rows.add(new BadRow("payment delete without a before-image", DEMO, "payments", 'd', null, null, "before",
                List.of("REPLICA IDENTITY FULL", "payments")));

        // --- erp-espanol (core/src/main/resources/profiles/erp-espanol.postgres.sql)
        rows.add(insert(ESPANOL, "cliente with a wrong check digit", "clientes",
                with(clienteRow(), "rut_dv", "4"), "rut_dv", "wrong check digit", "expected 5", "rut_cuerpo"));
        rows.add(insert(ESPANOL, "cliente check digit that is not one", "clientes",
                with(clienteRow(), "rut_dv", "X"), "rut_dv", "not one of 0-9 or K"));
        rows.add(insert(ESPANOL, "cliente RUT body with dots", "clientes",
                with(clienteRow(), "rut_cuerpo", "12.345.678"), "rut_cuerpo", "not a whole number"));
        rows.add(insert(ESPANOL, "cliente RUT body 0", "clientes",
                with(clienteRow(), "rut_cuerpo", 0), "rut_cuerpo", "between 1 and 99.999.999"));
        rows.add(insert(ESPANOL, "cliente without razon_social", "clientes",
                with(clienteRow(), "razon_social", null), "razon_social", "missing"));
        rows.add(insert(ESPANOL, "documento with an unknown DTE code", "documentos",
                with(facturaRow(), "tipo_dte", "BOL"), "tipo_dte", "unknown DTE code 'BOL'", "FAC, FEX, NC, ND",
                "dte_codes"));
        rows.add(insert(ESPANOL, "documento that is a boleta (DTE 39)", "documentos",
                with(facturaRow(), "tipo_dte", "39"), "tipo_dte", "'39'", "matches no mapping",
                "33, 34, 56 (invoice) or 61 (credit-note)"));
        rows.add(insert(ESPANOL, "documento without tipo_dte", "documentos",
                with(facturaRow(), "tipo_dte", null), "tipo_dte", "missing"));
        rows.add(insert(ESPANOL, "nota de crédito without documento_ref_id", "documentos",
                with(notaCreditoRow(), "documento_ref_id", null), "documento_ref_id", "missing"));
        rows.add(insert(ESPANOL, "documento total that is not a number", "documentos",
                with(facturaRow(), "monto_total", "mil"), "monto_total", "not a number", "'mil'"));
        rows.add(insert(ESPANOL, "documento with a negative total", "documentos",
                with(facturaRow(), "monto_total", "-1250000.00"), "monto_total", "negative", "credit note"));
        rows.add(insert(ESPANOL, "documento dated with dots", "documentos",
                with(facturaRow(), "fecha_emision", "2025.01.01"), "fecha_emision", "not a date",
                "yyyy-MM-dd or dd-MM-yyyy or dd/MM/yyyy"));
        rows.add(insert(ESPANOL, "documento due before it was issued", "documentos",
                with(facturaRow(), "fecha_vencimiento", "31-12-2024"), "fecha_vencimiento",
                "before the issue date 2025-01-01"));
        rows.add(insert(ESPANOL, "factura in UF", "documentos",
                with(facturaRow(), "moneda", "CLF"), "moneda", "CLF", "only CLP"));
        rows.add(insert(ESPANOL, "nota de crédito in dollars", "documentos",
                with(notaCreditoRow(), "moneda", "USD"), "moneda", "USD", "only CLP credit notes"));
        rows.add(insert(ESPANOL, "documento anulado flag that is neither yes nor no", "documentos",
                with(facturaRow(), "anulado", "quizás"), "anulado", "not a yes/no value"));
        rows.add(insert(ESPANOL, "documento with a negative folio", "documentos",
                with(facturaRow(), "folio", -5001L), "folio", "-5001", "must be positive"));
        rows.add(insert(ESPANOL, "aplicación without fecha_pago", "aplicaciones_abono",
                with(aplicacionRow(), "fecha_pago", null), "fecha_pago", "missing"));
        rows.add(insert(ESPANOL, "aplicación with a negative amount", "aplicaciones_abono",
                with(aplicacionRow(), "monto_aplicado", "-400000.00"), "monto_aplicado", "negative"));
        rows.add(insert(ESPANOL, "aplicación without documento_id", "aplicaciones_abono",
                with(aplicacionRow(), "documento_id", null), "documento_id", "missing"));
        rows.add(insert(ESPANOL, "table of another ERP", "facturas",
                with(abonoRow()), "table", "'facturas'", "capture only clientes, documentos, aplicaciones_abono",
                "abonos is read and ignored"));
        rows.add(new BadRow("cliente delete without a before-image", ESPANOL, "clientes", 'd', null, null, "before",
                List.of("REPLICA IDENTITY FULL", "clientes")));
        return rows;
    }

    private static BadRow insert(String profile, String name, String table, Map<String, Object> after, String field,
                                 String... reason) {
        return new BadRow(name, profile, table, 'c', null, after, field, List.of(reason));
    }
}
