package cl.cobranza.core.normalize;

import cl.cobranza.core.events.CanonicalEvent;
import cl.cobranza.core.events.CreditNoteChanged;
import cl.cobranza.core.events.DebtorChanged;
import cl.cobranza.core.events.InvoiceChanged;
import cl.cobranza.core.events.PaymentChanged;
import cl.cobranza.core.normalize.profile.ProfileNormalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.Map;

import static cl.cobranza.core.testkit.Days.FEB_1;
import static cl.cobranza.core.testkit.Days.FEB_10;
import static cl.cobranza.core.testkit.Days.JAN_1;
import static cl.cobranza.core.testkit.Days.JAN_31;
import static cl.cobranza.core.testkit.ErpRows.CLIENT;
import static cl.cobranza.core.testkit.ErpRows.SCHEMA;
import static cl.cobranza.core.testkit.ErpRows.creditNoteRow;
import static cl.cobranza.core.testkit.ErpRows.customerRow;
import static cl.cobranza.core.testkit.ErpRows.delete;
import static cl.cobranza.core.testkit.ErpRows.insert;
import static cl.cobranza.core.testkit.ErpRows.invoiceRow;
import static cl.cobranza.core.testkit.ErpRows.paymentRow;
import static cl.cobranza.core.testkit.ErpRows.read;
import static cl.cobranza.core.testkit.ErpRows.update;
import static cl.cobranza.core.testkit.ErpRows.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The demo ERP's rows through the {@code demo-erp} mapping profile, field by field, valid and rejected. */
class DemoErpProfileTest {
    private final Normalizer normalizer = normalizer();

    /** The normaliser under test: the demo-erp profile. */
    Normalizer normalizer() {
        return ProfileNormalizer.load("demo-erp");
    }

    /** The invoice of {@link cl.cobranza.core.testkit.ErpRows#invoiceRow()} as a canonical event. */
    private static InvoiceChanged invoice1001(boolean deleted, long position) {
        return new InvoiceChanged(CLIENT, "1001", "7", 33, 5001, JAN_1, JAN_31, 1_250_000, deleted, position);
    }

    private RejectedRowException rejection(RawChange change) {
        RejectedRowException e = catchThrowableOfType(RejectedRowException.class, () -> normalizer.normalize(change));
        assertThat(e).as("%s must be rejected", change).isNotNull();
        return e;
    }

    // --- customers

    @Test
    void customerBecomesADebtorWithTheCompactRut() {
        assertThat(normalizer.normalize(insert("customers", customerRow(), 100)))
                .containsExactly(new DebtorChanged(CLIENT, "7", "12345678-5", "Ferretería El Tornillo", false, 100));
    }

    @Test
    void customerRutWithLowerCaseKIsNormalised() {
        // 76.354.771-K: 1·2+7·3+7·4+4·5+5·6+3·7+6·2+7·3 = 155; 155 mod 11 = 1; 11 − 1 = 10 → K
        assertThat(normalizer.normalize(insert("customers", with(customerRow(), "rut", "76354771-k"), 101)))
                .containsExactly(new DebtorChanged(CLIENT, "7", "76354771-K", "Ferretería El Tornillo", false, 101));
    }

    @Test
    void deletedCustomerUsesTheBeforeImage() {
        assertThat(normalizer.normalize(delete("customers", customerRow(), 102)))
                .containsExactly(new DebtorChanged(CLIENT, "7", "12345678-5", "Ferretería El Tornillo", true, 102));
    }

    // --- invoices

    @Test
    void invoiceFromDebeziumTypes() {
        // dte_type SMALLINT → Short, BIGINT → Long, DATE → epoch day Integer (20 089 = 2025-01-01, + 30 = Jan 31)
        assertThat(normalizer.normalize(insert("invoices", invoiceRow(), 200)))
                .containsExactly(invoice1001(false, 200));
    }

    @Test
    void invoiceFromIsoDatesAndNumericStrings() {
        Map<String, Object> row = with(invoiceRow(),
                "id", "1001", "dte_type", "33", "folio", "5001", "customer_id", "7",
                "issue_date", "2025-01-01", "due_date", "2025-01-31", "total_clp", "1250000.00", "currency", "clp ");
        assertThat(normalizer.normalize(insert("invoices", row, 201))).containsExactly(invoice1001(false, 201));
    }

    @Test
    void invoiceFromDecimalAndWholeDoubleAmounts() {
        assertThat(normalizer.normalize(insert("invoices", with(invoiceRow(), "total_clp", new BigDecimal("1250000.00")), 202)))
                .containsExactly(invoice1001(false, 202));
        assertThat(normalizer.normalize(insert("invoices", with(invoiceRow(), "total_clp", 1_250_000.0d), 203)))
                .containsExactly(invoice1001(false, 203));
        assertThat(normalizer.normalize(insert("invoices", with(invoiceRow(), "total_clp", 1_250_000), 204)))
                .as("an Integer amount").containsExactly(invoice1001(false, 204));
    }

    @Test
    void invoiceWithoutDueDateOrCurrencyKeepsTheDueDateAbsent() {
        Map<String, Object> row = with(invoiceRow(), "due_date", null, "currency", null, "dte_type", (short) 34);
        assertThat(normalizer.normalize(insert("invoices", row, 205))).containsExactly(
                new InvoiceChanged(CLIENT, "1001", "7", 34, 5001, JAN_1, null, 1_250_000, false, 205));
    }

    @Test
    void debitNoteIsAReceivable() {
        assertThat(normalizer.normalize(insert("invoices", with(invoiceRow(), "dte_type", (short) 56), 206)))
                .containsExactly(new InvoiceChanged(CLIENT, "1001", "7", 56, 5001, JAN_1, JAN_31, 1_250_000, false, 206));
    }

    @Test
    void snapshotReadIsLikeACreate() {
        assertThat(normalizer.normalize(read("invoices", invoiceRow(), 207))).containsExactly(invoice1001(false, 207));
    }

    @Test
    void invoiceUpdateUsesTheAfterImage() {
        Map<String, Object> before = invoiceRow();
        Map<String, Object> after = with(before, "total_clp", 1_190_000L, "due_date", 20_089 + 45); // Feb 15
        assertThat(normalizer.normalize(update("invoices", before, after, 208))).containsExactly(
                new InvoiceChanged(CLIENT, "1001", "7", 33, 5001, JAN_1, JAN_1.plusDays(45), 1_190_000, false, 208));
    }

    @Test
    void invoiceDeleteUsesTheBeforeImageAndIsDeleted() {
        assertThat(normalizer.normalize(delete("invoices", invoiceRow(), 209))).containsExactly(invoice1001(true, 209));
    }

    // --- credit notes

    @Test
    void creditNoteReferencesItsInvoice() {
        assertThat(normalizer.normalize(insert("credit_notes", creditNoteRow(), 300)))
                .containsExactly(new CreditNoteChanged(CLIENT, "301", "1001", FEB_1, 250_000, false, 300));
    }

    @Test
    void creditNoteDeleteUsesTheBeforeImage() {
        assertThat(normalizer.normalize(delete("credit_notes", creditNoteRow(), 301)))
                .containsExactly(new CreditNoteChanged(CLIENT, "301", "1001", FEB_1, 250_000, true, 301));
    }

    @Test
    void creditNoteMovedToAnotherInvoiceIsRetractedFromTheOldOneFirst() {
        Map<String, Object> before = creditNoteRow();
        Map<String, Object> after = with(before, "invoice_id", 1002L, "amount_clp", 260_000L);
        assertThat(normalizer.normalize(update("credit_notes", before, after, 302))).containsExactly(
                new CreditNoteChanged(CLIENT, "301", "1001", FEB_1, 250_000, true, 302),
                new CreditNoteChanged(CLIENT, "301", "1002", FEB_1, 260_000, false, 302));
    }

    // --- payments

    @Test
    void paymentIsAppliedToItsInvoice() {
        assertThat(normalizer.normalize(insert("payments", paymentRow(), 400)))
                .containsExactly(new PaymentChanged(CLIENT, "9001", "1001", FEB_10, 400_000, false, 400));
    }

    @Test
    void paymentFromIsoDateAndNumericString() {
        Map<String, Object> row = with(paymentRow(), "paid_on", "2025-02-10", "amount_clp", "400000", "reversed", null);
        assertThat(normalizer.normalize(insert("payments", row, 401)))
                .containsExactly(new PaymentChanged(CLIENT, "9001", "1001", FEB_10, 400_000, false, 401));
    }

    @Test
    void reversedPaymentIsDeleted() {
        Map<String, Object> before = paymentRow();
        Map<String, Object> after = with(before, "reversed", Boolean.TRUE);
        assertThat(normalizer.normalize(update("payments", before, after, 402)))
                .containsExactly(new PaymentChanged(CLIENT, "9001", "1001", FEB_10, 400_000, true, 402));
    }

    @Test
    void paymentDeleteUsesTheBeforeImage() {
        assertThat(normalizer.normalize(delete("payments", paymentRow(), 403)))
                .containsExactly(new PaymentChanged(CLIENT, "9001", "1001", FEB_10, 400_000, true, 403));
    }

    @Test
    void paymentMovedToAnotherInvoiceIsRetractedFromTheOldOneFirst() {
        Map<String, Object> before = paymentRow();
        Map<String, Object> after = with(before, "invoice_id", 1002L);
        assertThat(normalizer.normalize(update("payments", before, after, 404))).containsExactly(
                new PaymentChanged(CLIENT, "9001", "1001", FEB_10, 400_000, true, 404),
                new PaymentChanged(CLIENT, "9001", "1002", FEB_10, 400_000, false, 404));
    }

    @Test
    void paymentUpdateOnTheSameInvoiceIsOneEventEvenIfTheIdTypeDiffers() {
        Map<String, Object> before = paymentRow();
        // same invoice 1001, once as Long and once as Integer: not a move
        Map<String, Object> after = with(before, "invoice_id", 1001, "amount_clp", 450_000L);
        assertThat(normalizer.normalize(update("payments", before, after, 405)))
                .containsExactly(new PaymentChanged(CLIENT, "9001", "1001", FEB_10, 450_000, false, 405));
    }

    // --- rejections: each names the field and says what to fix

    @Test
    void rejectsARutWithAWrongCheckDigit() {
        RejectedRowException e = rejection(insert("customers", with(customerRow(), "rut", "12.345.678-4"), 1));
        assertThat(e.field()).isEqualTo("rut");
        assertThat(e.reason()).contains("check digit").contains("expected 5");
    }

    @Test
    void rejectsAnInvoiceWithoutTotal() {
        RejectedRowException e = rejection(insert("invoices", with(invoiceRow(), "total_clp", null), 1));
        assertThat(e.field()).isEqualTo("total_clp");
        assertThat(e.reason()).contains("missing").contains("total_clp");
    }

    @Test
    void rejectsANegativeAmount() {
        RejectedRowException e = rejection(insert("payments", with(paymentRow(), "amount_clp", -400_000L), 1));
        assertThat(e.field()).isEqualTo("amount_clp");
        assertThat(e.reason()).contains("negative").contains("-400000").contains("credit note");
    }

    @Test
    void rejectsFractionalPesos() {
        RejectedRowException e = rejection(insert("invoices", with(invoiceRow(), "total_clp", "1250000.50"), 1));
        assertThat(e.field()).isEqualTo("total_clp");
        assertThat(e.reason()).contains("1250000.50").contains("whole pesos");

        RejectedRowException d = rejection(insert("payments", with(paymentRow(), "amount_clp", 400_000.5d), 1));
        assertThat(d.field()).isEqualTo("amount_clp");
        assertThat(d.reason()).contains("whole pesos");
    }

    @Test
    void rejectsANonNumericAmount() {
        RejectedRowException e = rejection(insert("invoices", with(invoiceRow(), "total_clp", "$1.250.000"), 1));
        assertThat(e.field()).isEqualTo("total_clp");
        assertThat(e.reason()).contains("$1.250.000").contains("whole CLP pesos");
    }

    @Test
    void rejectsAnAmountTooLargeForALongWithoutBlamingAFraction() {
        // 10^20 pesos is a whole number, just beyond Long.MAX_VALUE (≈ 9.22 × 10^18)
        RejectedRowException e = rejection(insert("invoices",
                with(invoiceRow(), "total_clp", "100000000000000000000"), 1));
        assertThat(e.field()).isEqualTo("total_clp");
        assertThat(e.reason())
                .as("Fields.requireClp: an out-of-range whole amount is reported as having a fraction of a peso")
                .doesNotContain("fraction");
    }

    @ParameterizedTest(name = "DTE {0}")
    @ValueSource(shorts = {39, 41, 61, 99, 0})
    void rejectsDteTypesThatAreNotReceivables(short dte) {
        RejectedRowException e = rejection(insert("invoices", with(invoiceRow(), "dte_type", dte), 1));
        assertThat(e.field()).isEqualTo("dte_type");
        assertThat(e.reason()).contains("DTE type " + dte).contains("33").contains("34").contains("56");
    }

    @Test
    void rejectsADueDateBeforeTheIssueDate() {
        RejectedRowException e = rejection(insert("invoices",
                with(invoiceRow(), "due_date", 20_089 - 1), 1)); // 2024-12-31, issue 2025-01-01
        assertThat(e.field()).isEqualTo("due_date");
        assertThat(e.reason()).contains("2024-12-31").contains("before the issue date 2025-01-01");
    }

    @Test
    void acceptsADueDateOnTheIssueDate() {
        assertThat(normalizer.normalize(insert("invoices", with(invoiceRow(), "due_date", 20_089), 1)))
                .containsExactly(new InvoiceChanged(CLIENT, "1001", "7", 33, 5001, JAN_1, JAN_1, 1_250_000, false, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"USD", "CLF", "EUR"})
    void rejectsNonClpCurrency(String currency) {
        RejectedRowException e = rejection(insert("invoices", with(invoiceRow(), "currency", currency), 1));
        assertThat(e.field()).isEqualTo("currency");
        assertThat(e.reason()).contains(currency).contains("only CLP");
    }

    @Test
    void rejectsANonPositiveFolio() {
        RejectedRowException e = rejection(insert("invoices", with(invoiceRow(), "folio", 0L), 1));
        assertThat(e.field()).isEqualTo("folio");
        assertThat(e.reason()).contains("positive");
    }

    @Test
    void rejectsAnUnparseableDate() {
        RejectedRowException e = rejection(insert("payments", with(paymentRow(), "paid_on", "10-02-2025"), 1));
        assertThat(e.field()).isEqualTo("paid_on");
        assertThat(e.reason()).contains("10-02-2025").contains("yyyy-MM-dd");
    }

    @Test
    void rejectsAnUnknownTable() {
        RejectedRowException e = rejection(insert("orders", Map.of("id", 1L), 1));
        assertThat(e.field()).isEqualTo("table");
        assertThat(e.reason()).contains("orders")
                .contains("customers").contains("invoices").contains("credit_notes").contains("payments");
    }

    @Test
    void rejectsTruncate() {
        RejectedRowException e = rejection(new RawChange(CLIENT, SCHEMA, "invoices", 't', null, null, 1));
        assertThat(e.field()).isEqualTo("op");
        assertThat(e.reason()).contains("'t'").contains("resnapshot");
    }

    @Test
    void rejectsADeleteWithoutBeforeImage() {
        RejectedRowException e = rejection(delete("payments", null, 1));
        assertThat(e.field()).isEqualTo("before");
        assertThat(e.reason()).contains("REPLICA IDENTITY FULL").contains("payments");
    }

    @Test
    void rejectsACreateWithoutAfterImage() {
        RejectedRowException e = rejection(insert("invoices", null, 1));
        assertThat(e.field()).isEqualTo("after");
        assertThat(e.reason()).contains("REPLICA IDENTITY FULL");
    }

    @Test
    void everyEventCarriesTheClientAndPosition() {
        for (CanonicalEvent e : normalizer.normalize(update("payments", paymentRow(),
                with(paymentRow(), "invoice_id", 1002L), 777))) {
            assertThat(e.clientId()).isEqualTo(CLIENT);
            assertThat(e.sourcePosition()).isEqualTo(777);
        }
    }
}
