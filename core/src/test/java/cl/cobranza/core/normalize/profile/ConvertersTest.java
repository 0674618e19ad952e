package cl.cobranza.core.normalize.profile;

import cl.cobranza.core.events.CanonicalEvent;
import cl.cobranza.core.events.DebtorChanged;
import cl.cobranza.core.events.InvoiceChanged;
import cl.cobranza.core.events.PaymentChanged;
import cl.cobranza.core.normalize.RawChange;
import cl.cobranza.core.normalize.RejectedRowException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cl.cobranza.core.testkit.Days.JAN_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Each converter and option as a profile applies it: RUT joined and split, DTE codes, constants, filters, overrides. */
class ConvertersTest {
    /**
     * The third ERP of docs/mapping-profiles.md ({@link ProfileLoadTest} checks the two stay the same): text amounts
     * in es-CL, dates as text, codes and constants.
     */
    static final String TERCER_ERP = """
            profile: tercer-erp
            title: tercer ERP
            defaults: {date_formats: [dd/MM/yyyy, yyyy-MM-dd], amount_format: chilean}
            dte_codes: {FA: 33, FE: 34, NCR: 61}
            tables:
              deudores:
                event: debtor
                fields: {id: {column: codigo, convert: text}, rut: rut, name: nombre}
              ventas:
                event: invoice
                where: {column: estado, in: [EMITIDA, ANULADA]}
                soft_delete: {column: estado, in: [ANULADA]}
                fields:
                  id: {column: numero, convert: text}
                  debtor_id: {column: deudor, convert: text}
                  dte_type: {constant: FA}
                  folio: numero
                  issue_date: emitida
                  due_date: {column: vence, formats: [epoch-millis]}
                  total: {column: total, rounding: half-up}
                  currency: {constant: CLP}
              pagos:
                event: payment
                soft_delete: anulado
                fields:
                  id: id
                  invoice_id: {column: venta, convert: text}
                  paid_on: {column: pagado, formats: [iso-timestamp]}
                  amount: {column: monto, format: plain}
            """;
    private final ProfileNormalizer tercer = new ProfileNormalizer(MappingProfile.parse(TERCER_ERP, "tercer-erp.yaml"));

    private static RawChange insert(String table, Map<String, Object> row) {
        return new RawChange("pyme-3", "dbo", table, 'c', null, row, 1);
    }

    private static Map<String, Object> row(Object... kv) {
        Map<String, Object> row = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            row.put((String) kv[i], kv[i + 1]);
        }
        return row;
    }

    private static Map<String, Object> venta() {
        // vence: 2025-01-31 03:00 UTC = 00:00 in Santiago; epoch day 20 119 × 86 400 000 + 3 h
        return row("numero", "5001", "deudor", "C-7", "estado", "EMITIDA", "emitida", "01/01/2025",
                "vence", 20_119L * 86_400_000L + 10_800_000L, "total", "$1.250.000,50");
    }

    private static RejectedRowException rejection(Runnable r) {
        RejectedRowException e = catchThrowableOfType(RejectedRowException.class, r::run);
        assertThat(e).isNotNull();
        return e;
    }

    // --- a profile's options, end to end

    @Test
    void textIdsChileanAmountsRoundedTextDatesMillisDatesAndConstants() {
        assertThat(tercer.normalize(insert("ventas", venta()))).containsExactly(new InvoiceChanged("pyme-3", "5001",
                "C-7", 33, 5001, JAN_1, LocalDate.of(2025, 1, 31), 1_250_001, false, 1));
    }

    @Test
    void softDeleteByAStatusValue() {
        List<CanonicalEvent> events = tercer.normalize(insert("ventas", with(venta(), "estado", "anulada")));
        assertThat(events).singleElement().extracting(CanonicalEvent::deleted).isEqualTo(true);
    }

    @Test
    void aRowTheFilterDoesNotSelectIsRejectedOnTheFilterColumn() {
        RejectedRowException e = rejection(() -> tercer.normalize(insert("ventas", with(venta(), "estado", "BORRADOR"))));
        assertThat(e.field()).isEqualTo("estado");
        assertThat(e.reason()).contains("'BORRADOR'").contains("EMITIDA, ANULADA (invoice)");
    }

    @Test
    void aFieldOverridesTheProfileDefaults() {
        // pagos.monto is plain although the profile's amounts are chilean; pagado is an ISO timestamp
        Map<String, Object> pago = row("id", 9L, "venta", "5001", "pagado", "2025-01-02T02:30:00Z", "monto", "400000.00",
                "anulado", "S");
        assertThat(tercer.normalize(insert("pagos", pago))).containsExactly(
                new PaymentChanged("pyme-3", "9", "5001", JAN_1, 400_000, true, 1));
        // the same text is 400 pesos in plain form and 400.000 pesos in the profile's chilean form
        assertThat(tercer.normalize(insert("pagos", with(pago, "monto", "400.000")))).singleElement()
                .extracting("amountClp").isEqualTo(400L);
    }

    // --- RUT

    @ParameterizedTest
    @ValueSource(strings = {"12.345.678-5", "12345678-5", "123456785", " 12.345.678-5 "})
    void joinedRutInAnyNotation(String rut) {
        assertThat(tercer.normalize(insert("deudores", row("codigo", "C-7", "rut", rut, "nombre", "Tornillo"))))
                .containsExactly(new DebtorChanged("pyme-3", "C-7", "12345678-5", "Tornillo", false, 1));
    }

    @Test
    void joinedRutWithAWrongCheckDigitNamesItsColumn() {
        RejectedRowException e = rejection(() -> tercer.normalize(insert("deudores",
                row("codigo", "C-7", "rut", "12.345.678-K", "nombre", "Tornillo"))));
        assertThat(e.field()).isEqualTo("rut");
        assertThat(e.reason()).contains("wrong check digit").contains("expected 5");
    }

    @Test
    void splitRut() {
        Converter split = new Converter.RutSplit("dv");
        assertThat(split.read(row("cuerpo", 12_345_678, "dv", "5"), "cuerpo", true)).isEqualTo("12345678-5");
        assertThat(split.read(row("cuerpo", 12_345_678L, "dv", '5'), "cuerpo", true)).as("CHAR as a Character")
                .isEqualTo("12345678-5");
        assertThat(split.read(row("cuerpo", "76354771", "dv", "k"), "cuerpo", true)).isEqualTo("76354771-K");
        // 15.509.661-6 (chile.md): body in a text column, check digit as a number
        assertThat(split.read(row("cuerpo", "15509661", "dv", 6), "cuerpo", true)).isEqualTo("15509661-6");
    }

    @Test
    void splitRutRejectionsNameTheColumnToCorrect() {
        Converter split = new Converter.RutSplit("dv");
        RejectedRowException wrong = rejection(() -> split.read(row("cuerpo", 12_345_678, "dv", "4"), "cuerpo", true));
        assertThat(wrong.field()).isEqualTo("dv");
        assertThat(wrong.reason()).contains("expected 5").contains("correct dv or cuerpo");
        RejectedRowException twoDigits = rejection(() -> split.read(row("cuerpo", 12_345_678, "dv", "55"), "cuerpo", true));
        assertThat(twoDigits.field()).isEqualTo("dv");
        RejectedRowException tooBig = rejection(() -> split.read(row("cuerpo", 123_456_789, "dv", "5"), "cuerpo", true));
        assertThat(tooBig.field()).isEqualTo("cuerpo");
        assertThat(tooBig.reason()).contains("99.999.999");
        RejectedRowException noDv = rejection(() -> split.read(row("cuerpo", 12_345_678, "dv", null), "cuerpo", true));
        assertThat(noDv.field()).isEqualTo("dv");
        assertThat(noDv.reason()).contains("missing");
    }

    // --- DTE types

    @Test
    void dteCodesNumbersAndNumericText() {
        Converter dte = new Converter.DteCode("p", Map.of("FAC", 33, "nc", 61));
        assertThat(dte.read(row("t", "FAC"), "t", true)).isEqualTo(33);
        assertThat(dte.read(row("t", " fac "), "t", true)).isEqualTo(33);
        assertThat(dte.read(row("t", "NC"), "t", true)).as("codes match in any case").isEqualTo(61);
        assertThat(dte.read(row("t", (short) 34), "t", true)).isEqualTo(34);
        assertThat(dte.read(row("t", "56"), "t", true)).isEqualTo(56);
    }

    @Test
    void anUnknownDteCodeNamesTheCodesAndTheFix() {
        Converter dte = new Converter.DteCode("mi-erp", Map.of("FAC", 33, "NC", 61));
        RejectedRowException e = rejection(() -> dte.read(row("t", "BOL"), "t", true));
        assertThat(e.field()).isEqualTo("t");
        assertThat(e.reason()).contains("unknown DTE code 'BOL'").contains("FAC, NC").contains("dte_codes")
                .contains("mi-erp");
    }

    @Test
    void aConstantDteTypeIsStillCheckedPerRow() {
        // the constant FA (33) is converted and checked when the profile loads; rows carry no DTE column
        assertThat(tercer.normalize(insert("ventas", venta()))).singleElement().extracting("dteType").isEqualTo(33);
    }

    private static Map<String, Object> with(Map<String, Object> row, String k, Object v) {
        Map<String, Object> copy = new HashMap<>(row);
        copy.put(k, v);
        return copy;
    }
}
