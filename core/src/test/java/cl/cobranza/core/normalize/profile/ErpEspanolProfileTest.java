package cl.cobranza.core.normalize.profile;

import cl.cobranza.core.events.CreditNoteChanged;
import cl.cobranza.core.events.DebtorChanged;
import cl.cobranza.core.events.InvoiceChanged;
import cl.cobranza.core.events.PaymentChanged;
import cl.cobranza.core.normalize.RawChange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.Map;

import static cl.cobranza.core.testkit.Days.FEB_1;
import static cl.cobranza.core.testkit.Days.FEB_10;
import static cl.cobranza.core.testkit.Days.JAN_1;
import static cl.cobranza.core.testkit.Days.JAN_1_EPOCH_DAY;
import static cl.cobranza.core.testkit.Days.JAN_31;
import static cl.cobranza.core.testkit.EspanolRows.CLIENT;
import static cl.cobranza.core.testkit.EspanolRows.abonoRow;
import static cl.cobranza.core.testkit.EspanolRows.aplicacionRow;
import static cl.cobranza.core.testkit.EspanolRows.clienteRow;
import static cl.cobranza.core.testkit.EspanolRows.delete;
import static cl.cobranza.core.testkit.EspanolRows.facturaRow;
import static cl.cobranza.core.testkit.EspanolRows.insert;
import static cl.cobranza.core.testkit.EspanolRows.notaCreditoRow;
import static cl.cobranza.core.testkit.EspanolRows.read;
import static cl.cobranza.core.testkit.EspanolRows.update;
import static cl.cobranza.core.testkit.ErpRows.with;
import static org.assertj.core.api.Assertions.assertThat;

/** The {@code erp-espanol} profile, field by field: split RUT, one documents table, soft deletes, applications. */
class ErpEspanolProfileTest {
    private final ProfileNormalizer normalizer = ProfileNormalizer.load("erp-espanol");

    private static InvoiceChanged factura1001(boolean deleted, long position) {
        return new InvoiceChanged(CLIENT, "1001", "7", 33, 5001, JAN_1, JAN_31, 1_250_000, deleted, position);
    }

    private static CreditNoteChanged nota1301(String invoice, boolean deleted, long position) {
        return new CreditNoteChanged(CLIENT, "1301", invoice, FEB_1, 250_000, deleted, position);
    }

    private static PaymentChanged aplicacion9001(String invoice, boolean deleted, long position) {
        return new PaymentChanged(CLIENT, "9001", invoice, FEB_10, 400_000, deleted, position);
    }

    // --- clientes

    @Test
    void clienteBecomesADebtorWithTheRutJoinedFromBodyAndCheckDigit() {
        assertThat(normalizer.normalize(insert("clientes", clienteRow(), 100)))
                .containsExactly(new DebtorChanged(CLIENT, "7", "12345678-5", "Ferretería El Tornillo", false, 100));
    }

    @Test
    void lowerCaseKCheckDigitAndTextBody() {
        // 76.354.771-K (computed in DemoErpProfileTest): body as text, as a CHAR column would send it
        Map<String, Object> row = with(clienteRow(), "rut_cuerpo", "76354771", "rut_dv", "k");
        assertThat(normalizer.normalize(insert("clientes", row, 101)))
                .containsExactly(new DebtorChanged(CLIENT, "7", "76354771-K", "Ferretería El Tornillo", false, 101));
    }

    @Test
    void clienteDeleteUsesTheBeforeImage() {
        assertThat(normalizer.normalize(delete("clientes", clienteRow(), 102)))
                .containsExactly(new DebtorChanged(CLIENT, "7", "12345678-5", "Ferretería El Tornillo", true, 102));
    }

    // --- documentos: invoices

    @Test
    void facturaFromDebeziumTypes() {
        // tipo_dte "FAC" → 33 through dte_codes; NUMERIC "1250000.00" → $1.250.000
        assertThat(normalizer.normalize(insert("documentos", facturaRow(), 200))).containsExactly(factura1001(false, 200));
    }

    @ParameterizedTest(name = "tipo_dte {0} → DTE {1}")
    @CsvSource({"FAC, 33", "fac, 33", "FEX, 34", "ND, 56", "33, 33", "34, 34", "56, 56"})
    void invoiceTypesByCodeOrBySiiNumber(String tipo, int dte) {
        assertThat(normalizer.normalize(insert("documentos", with(facturaRow(), "tipo_dte", tipo), 201))).containsExactly(
                new InvoiceChanged(CLIENT, "1001", "7", dte, 5001, JAN_1, JAN_31, 1_250_000, false, 201));
    }

    @Test
    void facturaWithoutDueDate() {
        assertThat(normalizer.normalize(insert("documentos", with(facturaRow(), "fecha_vencimiento", null), 202)))
                .containsExactly(new InvoiceChanged(CLIENT, "1001", "7", 33, 5001, JAN_1, null, 1_250_000, false, 202));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"1250000.50, 1250001", "1250000.49, 1250000", "1250000.5, 1250001", "1250001.00, 1250001"})
    void totalsWithCentavosAreRoundedHalfUp(String monto, long pesos) {
        assertThat(normalizer.normalize(insert("documentos", with(facturaRow(), "monto_total", monto), 203))).containsExactly(
                new InvoiceChanged(CLIENT, "1001", "7", 33, 5001, JAN_1, JAN_31, pesos, false, 203));
    }

    @Test
    void chileanTextDates() {
        Map<String, Object> row = with(facturaRow(), "fecha_emision", "01-01-2025", "fecha_vencimiento", "31/01/2025");
        assertThat(normalizer.normalize(insert("documentos", row, 204))).containsExactly(factura1001(false, 204));
    }

    @Test
    void mariadbTypes() {
        // Debezium's MySQL connector: BOOLEAN is TINYINT(1) → Short, DECIMAL (precise) → BigDecimal, DATE → epoch day
        Map<String, Object> row = with(facturaRow(), "anulado", (short) 0, "monto_total", new BigDecimal("1250000.00"));
        assertThat(normalizer.normalize(insert("documentos", row, 205))).containsExactly(factura1001(false, 205));
        assertThat(normalizer.normalize(insert("documentos", with(row, "anulado", (short) 1), 206)))
                .containsExactly(factura1001(true, 206));
    }

    @Test
    void snapshotReadIsLikeACreate() {
        assertThat(normalizer.normalize(read("documentos", facturaRow(), 207))).containsExactly(factura1001(false, 207));
    }

    @Test
    void facturaUpdateUsesTheAfterImage() {
        Map<String, Object> after = with(facturaRow(), "monto_total", "1190000.00", "fecha_vencimiento", JAN_1_EPOCH_DAY + 45);
        assertThat(normalizer.normalize(update("documentos", facturaRow(), after, 208))).containsExactly(
                new InvoiceChanged(CLIENT, "1001", "7", 33, 5001, JAN_1, JAN_1.plusDays(45), 1_190_000, false, 208));
    }

    @Test
    void anuladoIsASoftDeleteAndUndoingItBringsTheFacturaBack() {
        Map<String, Object> anulada = with(facturaRow(), "anulado", Boolean.TRUE);
        assertThat(normalizer.normalize(update("documentos", facturaRow(), anulada, 209)))
                .containsExactly(factura1001(true, 209));
        assertThat(normalizer.normalize(update("documentos", anulada, facturaRow(), 210)))
                .containsExactly(factura1001(false, 210));
    }

    @Test
    void facturaDeleteUsesTheBeforeImage() {
        assertThat(normalizer.normalize(delete("documentos", facturaRow(), 211))).containsExactly(factura1001(true, 211));
    }

    // --- documentos: credit notes

    @Test
    void notaDeCreditoReferencesItsDocumento() {
        assertThat(normalizer.normalize(insert("documentos", notaCreditoRow(), 300)))
                .containsExactly(nota1301("1001", false, 300));
    }

    @Test
    void notaDeCreditoBySiiNumber() {
        assertThat(normalizer.normalize(insert("documentos", with(notaCreditoRow(), "tipo_dte", 61L), 301)))
                .containsExactly(nota1301("1001", false, 301));
    }

    @Test
    void notaDeCreditoAnulada() {
        assertThat(normalizer.normalize(update("documentos", notaCreditoRow(),
                with(notaCreditoRow(), "anulado", Boolean.TRUE), 302))).containsExactly(nota1301("1001", true, 302));
    }

    @Test
    void notaDeCreditoMovedToAnotherDocumentoIsRetractedFromTheOldOneFirst() {
        assertThat(normalizer.normalize(update("documentos", notaCreditoRow(),
                with(notaCreditoRow(), "documento_ref_id", 1002L), 303)))
                .containsExactly(nota1301("1001", true, 303), nota1301("1002", false, 303));
    }

    @Test
    void notaDeCreditoDelete() {
        assertThat(normalizer.normalize(delete("documentos", notaCreditoRow(), 304)))
                .containsExactly(nota1301("1001", true, 304));
    }

    @Test
    void aDocumentoRetypedFromFacturaToNotaDeCreditoRetractsTheInvoice() {
        Map<String, Object> before = with(notaCreditoRow(), "id", 1001L, "tipo_dte", "FAC", "documento_ref_id", null);
        Map<String, Object> after = with(notaCreditoRow(), "id", 1001L, "documento_ref_id", 1000L);
        assertThat(normalizer.normalize(update("documentos", before, after, 305))).containsExactly(
                new InvoiceChanged(CLIENT, "1001", "7", 33, 8001, FEB_1, null, 250_000, true, 305),
                new CreditNoteChanged(CLIENT, "1001", "1000", FEB_1, 250_000, false, 305));
    }

    @Test
    void aDocumentoRetypedFromNotaDeCreditoToFacturaRetractsTheCreditNote() {
        Map<String, Object> after = with(notaCreditoRow(), "tipo_dte", "FAC");
        assertThat(normalizer.normalize(update("documentos", notaCreditoRow(), after, 306))).containsExactly(
                nota1301("1001", true, 306),
                new InvoiceChanged(CLIENT, "1301", "7", 33, 8001, FEB_1, null, 250_000, false, 306));
    }

    @Test
    void aDocumentoRetypedFromAnUnmappedTypeHasNothingToRetract() {
        Map<String, Object> boleta = with(facturaRow(), "tipo_dte", "39");
        assertThat(normalizer.normalize(update("documentos", boleta, facturaRow(), 307)))
                .containsExactly(factura1001(false, 307));
    }

    // --- aplicaciones_abono: one payment per application

    @Test
    void aplicacionIsAPaymentOnItsDocumentoDatedByTheAbono() {
        assertThat(normalizer.normalize(insert("aplicaciones_abono", aplicacionRow(), 400)))
                .containsExactly(aplicacion9001("1001", false, 400));
    }

    @Test
    void reversedAbonoReversesItsAplicaciones() {
        // the schema's trigger copies abonos.reversado into each application: the capture sees these updates
        assertThat(normalizer.normalize(update("aplicaciones_abono", aplicacionRow(),
                with(aplicacionRow(), "reversado", Boolean.TRUE), 401))).containsExactly(aplicacion9001("1001", true, 401));
    }

    @Test
    void aplicacionMovedToAnotherDocumentoIsRetractedFromTheOldOneFirst() {
        assertThat(normalizer.normalize(update("aplicaciones_abono", aplicacionRow(),
                with(aplicacionRow(), "documento_id", 1002L), 402)))
                .containsExactly(aplicacion9001("1001", true, 402), aplicacion9001("1002", false, 402));
    }

    @Test
    void aplicacionDelete() {
        assertThat(normalizer.normalize(delete("aplicaciones_abono", aplicacionRow(), 403)))
                .containsExactly(aplicacion9001("1001", true, 403));
    }

    @Test
    void abonosAreReadAndIgnored() {
        assertThat(normalizer.normalize(insert("abonos", abonoRow(), 500))).isEmpty();
        assertThat(normalizer.normalize(update("abonos", abonoRow(), with(abonoRow(), "reversado", true), 501))).isEmpty();
        assertThat(normalizer.normalize(delete("abonos", null, 502))).as("even without a before-image").isEmpty();
    }

    @Test
    void everyEventCarriesTheClientAndPosition() {
        RawChange moved = update("documentos", notaCreditoRow(), with(notaCreditoRow(), "documento_ref_id", 1002L), 777);
        assertThat(normalizer.normalize(moved)).hasSize(2).allSatisfy(e -> {
            assertThat(e.clientId()).isEqualTo(CLIENT);
            assertThat(e.sourcePosition()).isEqualTo(777);
        });
    }
}
