package cl.cobranza.core.normalize.profile;

import cl.cobranza.core.events.DebtorChanged;
import cl.cobranza.core.normalize.RawChange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Loading profiles: the shipped ones load; a broken one fails at load time naming the YAML path and the fix. */
class ProfileLoadTest {
    /** A valid one-table profile; each case below breaks one thing in it. */
    private static final String PAYMENTS = """
            profile: p
            tables:
              pagos:
                event: payment
                fields:
                  id: id
                  invoice_id: factura
                  paid_on: fecha
                  amount: monto
            """;

    private static ProfileException error(String yaml) {
        ProfileException e = catchThrowableOfType(ProfileException.class, () -> MappingProfile.parse(yaml, "bad.yaml"));
        assertThat(e).as("the profile must be refused:%n%s", yaml).isNotNull();
        assertThat(e.origin()).isEqualTo("bad.yaml");
        assertThat(e.getMessage()).startsWith("bad.yaml: ");
        return e;
    }

    private static String replace(String find, String with) {
        assertThat(PAYMENTS).contains(find);
        return PAYMENTS.replace(find, with);
    }

    @Test
    void theShippedProfilesLoad() {
        MappingProfile demo = MappingProfile.load("demo-erp");
        assertThat(demo.name()).isEqualTo("demo-erp");
        assertThat(demo.title()).isEqualTo("demo ERP");
        assertThat(demo.tables()).containsExactly("customers", "invoices", "credit_notes", "payments");
        MappingProfile espanol = MappingProfile.load("erp-espanol");
        assertThat(espanol.tables()).containsExactly("clientes", "documentos", "aplicaciones_abono");
        assertThat(espanol.ignoredTables()).containsExactly("abonos");
    }

    @Test
    void aProfileLoadsFromAFilePath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mi-erp.yaml");
        Files.writeString(file, """
                profile: mi-erp
                tables:
                  deudores: {event: debtor, fields: {id: id, rut: rut, name: nombre}}
                """);
        ProfileNormalizer n = ProfileNormalizer.load(file.toString());
        assertThat(n.normalize(new RawChange("c", "s", "deudores", 'c', null,
                Map.of("id", 1L, "rut", "12.678.579-8", "nombre", "Sur"), 3)))
                .containsExactly(new DebtorChanged("c", "1", "12678579-8", "Sur", false, 3));
    }

    @Test
    void theExampleInTheDocsIsTheOneConvertersTestRuns() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "mapping-profiles.md"));
        int example = doc.indexOf("## Example: a third ERP");
        int start = doc.indexOf("```yaml\n", example) + "```yaml\n".length();
        String yaml = doc.substring(start, doc.indexOf("```", start));
        assertThat(yaml).isEqualTo(ConvertersTest.TERCER_ERP);
        assertThat(MappingProfile.parse(yaml, "mapping-profiles.md").tables()).containsExactly("deudores", "ventas", "pagos");
    }

    @Test
    void anUnknownProfileNameListsTheShippedOnes() {
        ProfileException e = catchThrowableOfType(ProfileException.class, () -> MappingProfile.load("sap-b1"));
        assertThat(e.getMessage()).contains("profiles/sap-b1.yaml").contains("demo-erp, erp-espanol").contains("path");
    }

    @Test
    void aMissingFile() {
        ProfileException e = catchThrowableOfType(ProfileException.class, () -> MappingProfile.load("/no/such/erp.yaml"));
        assertThat(e.getMessage()).contains("/no/such/erp.yaml").contains("no such file");
    }

    @Test
    void aClasspathProfileMustBeNamedAfterItsFile() {
        ProfileException e = catchThrowableOfType(ProfileException.class, () -> MappingProfile.load("misnamed"));
        assertThat(e.path()).isEqualTo("profile");
        assertThat(e.getMessage()).contains("'demo-erp'").contains("misnamed.yaml").contains("make the two names equal");
    }

    @Test
    void anUnknownConverter() {
        ProfileException e = error(replace("amount: monto", "amount: {column: monto, convert: money}"));
        assertThat(e.path()).isEqualTo("tables.pagos.fields.amount.convert");
        assertThat(e.getMessage()).contains("unknown converter 'money'").contains("amount takes clp");
    }

    @Test
    void aConverterThatDoesNotApplyToTheField() {
        ProfileException e = error(replace("paid_on: fecha", "paid_on: {column: fecha, convert: clp}"));
        assertThat(e.path()).isEqualTo("tables.pagos.fields.paid_on.convert");
        assertThat(e.getMessage()).contains("'clp' does not apply to paid_on").contains("takes date");
    }

    @Test
    void aMissingRequiredField() {
        ProfileException e = error(replace("      amount: monto\n", ""));
        assertThat(e.path()).isEqualTo("tables.pagos.fields");
        assertThat(e.getMessage()).contains("missing required field amount of a payment").contains("amount: <column>");
    }

    @Test
    void anUnknownField() {
        ProfileException e = error(replace("amount: monto", "amount: monto\n      monto_pagado: monto"));
        assertThat(e.path()).isEqualTo("tables.pagos.fields.monto_pagado");
        assertThat(e.getMessage()).contains("unknown field 'monto_pagado' for a payment")
                .contains("id, invoice_id, paid_on, amount, currency");
    }

    @Test
    void anUnknownEvent() {
        ProfileException e = error(replace("event: payment", "event: abono"));
        assertThat(e.path()).isEqualTo("tables.pagos.event");
        assertThat(e.getMessage()).contains("unknown event 'abono'").contains("debtor, invoice, credit-note, payment");
    }

    @Test
    void aMisspelledKey() {
        ProfileException e = error(replace("event: payment", "event: payment\n    soft_delte: reversado"));
        assertThat(e.path()).isEqualTo("tables.pagos.soft_delte");
        assertThat(e.getMessage()).contains("unknown key 'soft_delte'").contains("event, where, soft_delete, fields");
    }

    @Test
    void aMisspelledTopLevelKey() {
        ProfileException e = error(PAYMENTS + "dte_code: {FAC: 33}\n");
        assertThat(e.path()).isEqualTo("dte_code");
        assertThat(e.getMessage()).contains("dte_codes");
    }

    @Test
    void noProfileName() {
        ProfileException e = error(replace("profile: p\n", ""));
        assertThat(e.path()).isEqualTo("profile");
        assertThat(e.getMessage()).contains("missing").contains("profile: my-erp");
    }

    @Test
    void noTables() {
        ProfileException e = error("profile: p\n");
        assertThat(e.path()).isEqualTo("tables");
        assertThat(e.getMessage()).contains("missing");
    }

    @Test
    void notYaml() {
        ProfileException e = error("profile: p\ntables: [unclosed\n");
        assertThat(e.getMessage()).contains("not valid YAML at line").contains("correct the syntax");
    }

    @Test
    void aDuplicateKey() {
        ProfileException e = error(replace("amount: monto", "amount: monto\n      amount: otro_monto"));
        assertThat(e.getMessage()).contains("not valid YAML").contains("amount");
    }

    @Test
    void severalMappingsOfATableNeedAWhereEach() {
        ProfileException e = error("""
                profile: p
                tables:
                  documentos:
                    - {event: payment, fields: {id: id, invoice_id: ref, paid_on: fecha, amount: monto}}
                    - event: credit-note
                      where: {column: tipo, in: [NC]}
                      fields: {id: id, invoice_id: ref, issue_date: fecha, amount: monto}
                """);
        assertThat(e.path()).isEqualTo("tables.documentos[0]");
        assertThat(e.getMessage()).contains("no where").contains("several mappings");
    }

    @Test
    void aTableWithoutMappings() {
        ProfileException e = error("profile: p\ntables:\n  pagos: []\n");
        assertThat(e.path()).isEqualTo("tables.pagos");
        assertThat(e.getMessage()).contains("give the table a mapping, or list it in ignore_tables");
    }

    @Test
    void filtersThatSelectTheSameRows() {
        ProfileException e = error("""
                profile: p
                dte_codes: {NC: 61}
                tables:
                  documentos:
                    - event: payment
                      where: {column: tipo, convert: dte, in: [33, 61]}
                      fields: {id: id, invoice_id: ref, paid_on: fecha, amount: monto}
                    - event: credit-note
                      where: {column: tipo, convert: dte, in: [NC]}
                      fields: {id: id, invoice_id: ref, issue_date: fecha, amount: monto}
                """);
        assertThat(e.path()).isEqualTo("tables.documentos[1].where.in");
        assertThat(e.getMessage()).contains("value 61 also selects tables.documentos[0]").contains("exactly one mapping");
    }

    @Test
    void aWhereWithoutValues() {
        ProfileException e = error(replace("event: payment", "event: payment\n    where: {column: tipo}"));
        assertThat(e.path()).isEqualTo("tables.pagos.where");
        assertThat(e.getMessage()).contains("missing in:");
    }

    @Test
    void aFilterValueThatIsNoDteCode() {
        ProfileException e = error(replace("event: payment", "event: payment\n    where: {column: tipo, convert: dte, in: [33, BOL]}"));
        assertThat(e.path()).isEqualTo("tables.pagos.where.in[1]");
        assertThat(e.getMessage()).contains("unknown DTE code 'BOL'").contains("dte_codes");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown date form    | defaults: {date_formats: [epoch-day, dd.MM.yyyy]} | defaults.date_formats[1] | unknown date form 'dd.MM.yyyy'",
            "two numeric forms    | defaults: {date_formats: [epoch-day, epoch-millis]} | defaults.date_formats | a number can be read only one way",
            "unknown rounding     | defaults: {rounding: bankers} | defaults.rounding | use reject (a fraction of a peso is a bad row) or half-up",
            "unknown amount form  | defaults: {amount_format: european} | defaults.amount_format | use plain (1234567.00) or chilean",
            "unknown zone         | zone: Chile/Santiago de Chile | zone | use a region id such as America/Santiago",
            "non-numeric DTE code | dte_codes: {FAC: factura} | dte_codes.FAC | give the number",
            "numeric DTE code key | dte_codes: {'33': 33} | dte_codes.33 | list only the ERP's own codes",
            "ignored and mapped   | ignore_tables: [pagos] | tables.pagos | either map it or ignore it"})
    void topLevelSettings(String name, String line, String path, String fix) {
        ProfileException e = error(PAYMENTS + line + "\n");
        assertThat(e.path()).isEqualTo(path);
        assertThat(e.getMessage()).contains(fix);
    }

    @Test
    void aCurrencyConstantOtherThanClp() {
        ProfileException e = error(replace("amount: monto", "amount: monto\n      currency: {constant: USD}"));
        assertThat(e.path()).isEqualTo("tables.pagos.fields.currency.constant");
        assertThat(e.getMessage()).contains("'USD'").contains("only CLP payments");
    }

    @Test
    void aDteConstantThatIsNoReceivable() {
        ProfileException e = error("""
                profile: p
                tables:
                  boletas:
                    event: invoice
                    fields: {id: id, debtor_id: cliente, dte_type: {constant: 39}, folio: folio, issue_date: fecha, total: total}
                """);
        assertThat(e.path()).isEqualTo("tables.boletas.fields.dte_type.constant");
        assertThat(e.getMessage()).contains("DTE type 39 is not a receivable");
    }

    @Test
    void aConstantWhereOnlyAColumnWillDo() {
        ProfileException e = error(replace("amount: monto", "amount: {constant: 1000}"));
        assertThat(e.path()).isEqualTo("tables.pagos.fields.amount.constant");
        assertThat(e.getMessage()).contains("allowed only for dte_type and currency").contains("map amount to a column");
    }

    @Test
    void bothColumnAndConstant() {
        ProfileException e = error(replace("amount: monto", "amount: monto\n      currency: {column: moneda, constant: CLP}"));
        assertThat(e.path()).isEqualTo("tables.pagos.fields.currency");
        assertThat(e.getMessage()).contains("keep one");
    }

    @Test
    void aSplitRutWithoutItsCheckDigitColumn() {
        ProfileException e = error("""
                profile: p
                tables:
                  clientes: {event: debtor, fields: {id: id, rut: {body: rut_cuerpo}, name: nombre}}
                """);
        assertThat(e.path()).isEqualTo("tables.clientes.fields.rut.dv");
        assertThat(e.getMessage()).contains("check digit");
    }

    @Test
    void anOptionOfAnotherConverter() {
        ProfileException e = error(replace("paid_on: fecha", "paid_on: {column: fecha, rounding: half-up}"));
        assertThat(e.path()).isEqualTo("tables.pagos.fields.paid_on.rounding");
        assertThat(e.getMessage()).contains("applies only to convert: clp");
    }

    @Test
    void aConditionWithAConverterThatCannotTestRows() {
        ProfileException e = error(replace("event: payment", "event: payment\n    soft_delete: {column: anulado_el, convert: date}"));
        assertThat(e.path()).isEqualTo("tables.pagos.soft_delete.convert");
        assertThat(e.getMessage()).contains("'date' does not apply to a condition").contains("text, integer, dte, flag");
    }
}
