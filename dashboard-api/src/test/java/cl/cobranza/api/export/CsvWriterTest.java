package cl.cobranza.api.export;

import cl.cobranza.api.export.Tabular.Column;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static cl.cobranza.api.export.Tabular.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvWriterTest {
    private static final List<Column> ONE_TEXT = List.of(Column.text("Nombre"));

    private static byte[] bytes(Tabular table) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvWriter.write(table, out);
        return out.toByteArray();
    }

    /** The file without its byte-order mark. */
    private static String csv(Tabular table) throws IOException {
        byte[] bytes = bytes(table);
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    }

    private static String textCell(String value) throws IOException {
        String csv = csv(Table.of("t", ONE_TEXT, row(value)));
        return csv.substring("Nombre\r\n".length(), csv.length() - 2);
    }

    @Test
    void headerThenOneCrlfLinePerRowAfterAUtf8ByteOrderMark() throws IOException {
        Table table = Table.of("kpis", List.of(Column.date("Fecha"), Column.text("Cliente"), Column.integer("Saldo CLP"),
                        Column.decimal("Días de mora promedio")),
                row(LocalDate.of(2026, 3, 1), "Alfa Ltda.", 1_234_567L, 12.5),
                row(LocalDate.of(2026, 3, 2), "Beta SpA", -250_000, 0.25));

        byte[] bytes = bytes(table);

        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("\uFEFF"
                + "Fecha,Cliente,Saldo CLP,Días de mora promedio\r\n"
                + "2026-03-01,Alfa Ltda.,1234567,12.5\r\n"
                + "2026-03-02,Beta SpA,-250000,0.25\r\n");
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
    }

    @Test
    void accentsAreUtf8() throws IOException {
        byte[] bytes = bytes(Table.of("t", List.of(Column.text("Comuna")), row("Ñuñoa")));

        // Ñ is C3 91, ñ is C3 B1 in UTF-8; Windows-1252 would give one byte each
        assertThat(bytes).containsSubsequence(0xC3, 0x91, 'u', 0xC3, 0xB1, 'o', 'a');
    }

    @Test
    void fieldsWithCommaQuoteCrOrLfAreQuotedWithQuotesDoubled() throws IOException {
        assertThat(textCell("Pérez, Juan")).isEqualTo("\"Pérez, Juan\"");
        assertThat(textCell("dijo \"pago mañana\"")).isEqualTo("\"dijo \"\"pago mañana\"\"\"");
        assertThat(textCell("línea 1\nlínea 2")).isEqualTo("\"línea 1\nlínea 2\"");
        assertThat(textCell("a\rb")).isEqualTo("\"a\rb\"");
        assertThat(textCell("sin nada especial")).isEqualTo("sin nada especial");
        assertThat(textCell("")).isEmpty();
    }

    @Test
    void textThatASpreadsheetWouldEvaluateGetsALeadingApostrophe() throws IOException {
        assertThat(textCell("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(textCell("+56 9 1234 5678")).isEqualTo("'+56 9 1234 5678");
        assertThat(textCell("-2+3")).isEqualTo("'-2+3");
        assertThat(textCell("@SUM(A1:A9)")).isEqualTo("'@SUM(A1:A9)");
        assertThat(textCell("\t=1")).isEqualTo("'\t=1");
        assertThat(textCell("\r=1")).isEqualTo("\"'\r=1\"");
        assertThat(textCell("=1,2")).isEqualTo("\"'=1,2\"");
        // only the first character counts
        assertThat(textCell("a=b")).isEqualTo("a=b");
    }

    @Test
    void numbersAndDatesAreNotGuardedSoNegativeAmountsStayNumbers() throws IOException {
        Table table = Table.of("t", List.of(Column.integer("Saldo"), Column.decimal("Razón")), row(-5L, -0.5));

        assertThat(csv(table)).isEqualTo("Saldo,Razón\r\n-5,-0.5\r\n");
    }

    @Test
    void nullCellsAreEmpty() throws IOException {
        Table table = Table.of("t", List.of(Column.text("A"), Column.integer("B"), Column.date("C")),
                row(null, null, null), row("x", null, LocalDate.of(2026, 1, 2)));

        assertThat(csv(table)).isEqualTo("A,B,C\r\n,,\r\nx,,2026-01-02\r\n");
    }

    @Test
    void numbersArePlainWithAPointForDecimals() throws IOException {
        List<Object> values = row(1.0E-5, 1.0E21, new BigDecimal("1E+3"), new BigDecimal("12.50"), 3.0, 0.1f,
                Long.MAX_VALUE, new BigInteger("123456789012345678901234567890"), Double.NaN,
                Double.POSITIVE_INFINITY);
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            columns.add(Column.decimal("c" + i));
        }

        String csv = csv(Table.of("t", columns, values));

        assertThat(csv.split("\r\n")[1]).isEqualTo("0.00001,1000000000000000000000,1000,12.50,3,0.1,"
                + Long.MAX_VALUE + ",123456789012345678901234567890,,");
    }

    @Test
    void otherTextValuesAreWrittenAsTheirString() throws IOException {
        enum Stage { EARLY_OVERDUE }
        Table table = Table.of("t", List.of(Column.text("Etapa"), Column.text("Fecha como texto")),
                row(Stage.EARLY_OVERDUE, LocalDate.of(2026, 12, 3)));

        assertThat(csv(table)).endsWith("\r\nEARLY_OVERDUE,2026-12-03\r\n");
    }

    @Test
    void aCellThatDoesNotFitItsColumnFailsNamingTableRowAndColumn() {
        Table text = Table.of("kpis", List.of(Column.integer("Saldo CLP")), row(1L), row("mucho"));
        Table date = Table.of("kpis", List.of(Column.date("Fecha")), row("2026-01-01"));

        assertThatThrownBy(() -> bytes(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("kpis", "row 2", "Saldo CLP", "String");
        assertThatThrownBy(() -> bytes(date)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("Fecha", "DATE");
    }

    @Test
    void aRowWithTheWrongNumberOfCellsFails() {
        Table table = Table.of("kpis", List.of(Column.text("A"), Column.text("B")), row("solo una"));

        assertThatThrownBy(() -> bytes(table)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("kpis", "row 1", "1 cells for 2 columns");
    }

    @Test
    void rowsAreStreamedAsTheyAreReadNotCollectedFirst() throws IOException {
        CountingOutputStream out = new CountingOutputStream();
        long[] writtenWhenLastRowWasMade = {-1};
        Table table = Table.lazy("grande", List.of(Column.integer("N"), Column.text("Texto")), 100_000, n -> {
            if (n == 100_000) {
                writtenWhenLastRowWasMade[0] = out.size();
            }
            return row(n, "fila número " + n);
        });

        CsvWriter.write(table, out);

        assertThat(writtenWhenLastRowWasMade[0]).isGreaterThan(out.size() / 2);
        assertThat(out.closed()).isFalse();
        assertThat(out.toString(StandardCharsets.UTF_8)).endsWith("\r\n100000,fila número 100000\r\n");
    }
}
