package cl.cobranza.api.export;

import cl.cobranza.api.export.Tabular.Column;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static cl.cobranza.api.export.Tabular.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The XLSX writer's files as Apache POI, an independent reader, sees them. */
class XlsxWriterTest {
    private static final List<Column> KPI_COLUMNS = List.of(Column.date("Fecha"), Column.text("Cliente"),
            Column.integer("Saldo vencido CLP"), Column.decimal("Días de mora promedio"));

    private static byte[] bytes(Tabular table) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XlsxWriter.write(table, out);
        return out.toByteArray();
    }

    private static XSSFWorkbook read(Tabular table) throws IOException {
        return new XSSFWorkbook(new ByteArrayInputStream(bytes(table)));
    }

    private static Cell textCell(String value) throws IOException {
        try (XSSFWorkbook workbook = read(Table.of("t", List.of(Column.text("Nota")), row(value)))) {
            return workbook.getSheetAt(0).getRow(1).getCell(0);
        }
    }

    @Test
    void theMinimalPackageHasExactlyItsSixParts() throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes(Table.of("t", KPI_COLUMNS))))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                names.add(entry.getName());
            }
        }

        assertThat(names).containsExactly("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml",
                "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/worksheets/sheet1.xml");
    }

    @Test
    void oneSheetNamedAfterTheTableWithABoldHeader() throws IOException {
        try (XSSFWorkbook workbook = read(Table.of("kpis-diarios-cliente-a", KPI_COLUMNS))) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(1);
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo("kpis-diarios-cliente-a");
            Row header = sheet.getRow(0);
            assertThat(header.getLastCellNum()).isEqualTo((short) 4);
            for (int c = 0; c < 4; c++) {
                Cell cell = header.getCell(c);
                assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
                assertThat(cell.getStringCellValue()).isEqualTo(KPI_COLUMNS.get(c).label());
                assertThat(workbook.getFontAt(cell.getCellStyle().getFontIndex()).getBold()).isTrue();
            }
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
        }
    }

    @Test
    void numbersAreNumericDatesAreDatesTextIsText() throws IOException {
        Table table = Table.of("t", KPI_COLUMNS, row(LocalDate.of(2026, 3, 1), "Alfa Ltda.", 1_234_567L, 12.5),
                row(LocalDate.of(2024, 2, 29), "Peñalolén Ñuñoa", -250_000, new BigDecimal("0.125")));

        try (XSSFWorkbook workbook = read(table)) {
            Sheet sheet = workbook.getSheetAt(0);
            Row first = sheet.getRow(1);
            assertThat(first.getCell(0).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(DateUtil.isCellDateFormatted(first.getCell(0))).isTrue();
            assertThat(first.getCell(0).getLocalDateTimeCellValue().toLocalDate()).isEqualTo("2026-03-01");
            assertThat(first.getCell(0).getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd");
            assertThat(first.getCell(1).getStringCellValue()).isEqualTo("Alfa Ltda.");
            assertThat(first.getCell(2).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(first.getCell(2).getNumericCellValue()).isEqualTo(1_234_567.0);
            assertThat(first.getCell(2).getCellStyle().getDataFormatString()).isEqualTo("#,##0");
            assertThat(DateUtil.isCellDateFormatted(first.getCell(2))).isFalse();
            assertThat(first.getCell(3).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(first.getCell(3).getNumericCellValue()).isEqualTo(12.5);
            assertThat(workbook.getFontAt(first.getCell(1).getCellStyle().getFontIndex()).getBold()).isFalse();

            Row second = sheet.getRow(2);
            assertThat(second.getCell(0).getLocalDateTimeCellValue().toLocalDate()).isEqualTo("2024-02-29");
            assertThat(second.getCell(1).getStringCellValue()).isEqualTo("Peñalolén Ñuñoa");
            assertThat(second.getCell(2).getNumericCellValue()).isEqualTo(-250_000.0);
            assertThat(second.getCell(3).getNumericCellValue()).isEqualTo(0.125);
        }
    }

    @Test
    void nullAndNonFiniteCellsAreEmpty() throws IOException {
        Table table = Table.of("t", KPI_COLUMNS, row(null, null, null, Double.NaN), row(null, "x", null, null));

        try (XSSFWorkbook workbook = read(table)) {
            Row row = workbook.getSheetAt(0).getRow(1);
            for (int c = 0; c < 4; c++) {
                Cell cell = row.getCell(c);
                assertThat(cell == null || cell.getCellType() == CellType.BLANK).as("cell %d", c).isTrue();
            }
            assertThat(workbook.getSheetAt(0).getRow(2).getCell(1).getStringCellValue()).isEqualTo("x");
        }
    }

    @Test
    void textIsEscapedAndNeverAFormula() throws IOException {
        for (String text : List.of("=HYPERLINK(\"http://x\",\"clic\")", "<b>&amp;</b> \"'", "  espacios  ",
                "línea 1\nlínea 2\r\nlínea 3\ttab", "emoji \uD83D\uDCB0 ok", "@SUM(A1)")) {
            Cell cell = textCell(text);
            assertThat(cell.getCellType()).as(text).isEqualTo(CellType.STRING);
            assertThat(cell.getStringCellValue()).isEqualTo(text);
        }
    }

    @Test
    void charactersIllegalInXmlAreDropped() throws IOException {
        Cell cell = textCell("a\u0000b\u0001c\u001Fd\uFFFEe\uFFFFf\uD800g\uDC00h");

        assertThat(cell.getStringCellValue()).isEqualTo("abcdefgh");
    }

    @Test
    void tenThousandRowsReadBackIntact() throws IOException {
        LocalDate start = LocalDate.of(2020, 1, 1);
        Table table = Table.lazy("grande", KPI_COLUMNS, 10_000,
                n -> row(start.plusDays(n), "Deudor nº " + n + " — Ñandú", n * 1_000L, n / 4.0));

        try (XSSFWorkbook workbook = read(table)) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(10_000);
            for (int n = 1; n <= 10_000; n++) {
                Row row = sheet.getRow(n);
                assertThat(row.getCell(0).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(start.plusDays(n));
                assertThat(row.getCell(1).getStringCellValue()).isEqualTo("Deudor nº " + n + " — Ñandú");
                assertThat(row.getCell(2).getNumericCellValue()).isEqualTo(n * 1_000.0);
                assertThat(row.getCell(3).getNumericCellValue()).isEqualTo(n / 4.0);
            }
        }
    }

    @Test
    void rowsAreStreamedThroughTheDeflaterNotCollectedFirst() throws IOException {
        CountingOutputStream out = new CountingOutputStream();
        long[] writtenWhenLastRowWasMade = {-1};
        Table table = Table.lazy("grande", List.of(Column.integer("N"), Column.text("Texto")), 100_000, n -> {
            if (n == 100_000) {
                writtenWhenLastRowWasMade[0] = out.size();
            }
            return row(n, "fila " + Long.toHexString(n * 0x9E3779B97F4A7C15L));
        });

        XlsxWriter.write(table, out);

        assertThat(writtenWhenLastRowWasMade[0]).isGreaterThan(out.size() / 2);
        assertThat(out.closed()).isFalse();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            ZipEntry entry;
            do {
                entry = zip.getNextEntry();
            } while (!entry.getName().equals("xl/worksheets/sheet1.xml"));
            String sheet = new String(zip.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(sheet).contains("<row r=\"100001\">").endsWith("</row></sheetData></worksheet>");
        }
    }

    @Test
    void datesBeforeMarch1900AreWrittenAsText() throws IOException {
        Table table = Table.of("t", List.of(Column.date("Fecha")), row(LocalDate.of(1899, 1, 1)));

        try (XSSFWorkbook workbook = read(table)) {
            XSSFCell cell = workbook.getSheetAt(0).getRow(1).getCell(0);
            assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
            assertThat(cell.getStringCellValue()).isEqualTo("1899-01-01");
        }
    }

    @Test
    void sheetNamesFollowExcelsRules() throws IOException {
        assertThat(XlsxWriter.sheetName("a/b\\c?d*e[f]g:h")).isEqualTo("a-b-c-d-e-f-g-h");
        assertThat(XlsxWriter.sheetName("x".repeat(40))).hasSize(31);
        assertThat(XlsxWriter.sheetName("'citado'")).isEqualTo("citado");
        assertThat(XlsxWriter.sheetName("  ")).isEqualTo("datos");
        try (XSSFWorkbook workbook = read(Table.of("cartera <Alfa & Beta> 2026/03", KPI_COLUMNS))) {
            assertThat(workbook.getSheetName(0)).isEqualTo("cartera <Alfa & Beta> 2026-03");
        }
    }

    @Test
    void cellReferences() {
        assertThat(XlsxWriter.reference(0, 1)).isEqualTo("A1");
        assertThat(XlsxWriter.reference(25, 7)).isEqualTo("Z7");
        assertThat(XlsxWriter.reference(26, 1)).isEqualTo("AA1");
        assertThat(XlsxWriter.reference(701, 1)).isEqualTo("ZZ1");
        assertThat(XlsxWriter.reference(702, 10_000)).isEqualTo("AAA10000");
    }

    @Test
    void aCellThatDoesNotFitItsColumnFails() {
        Table table = Table.of("kpis", KPI_COLUMNS, row("2026-03-01", "Alfa", 1L, 1.0));

        assertThatThrownBy(() -> bytes(table)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("kpis", "row 1", "Fecha");
    }
}
