package cl.cobranza.api.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a {@link Tabular} as an XLSX workbook of one sheet, streaming: the rows go through a zip deflater straight
 * to the output, so a large table never sits in memory as a file.
 *
 * <p>The package is the least Excel, LibreOffice and Apache POI open without repair: content types, the package
 * and workbook relationships, the workbook, a style sheet and the sheet. Text is written as inline strings
 * ({@code t="inlineStr"}), so no shared-string table has to be built before the sheet; inline strings are never
 * evaluated, so text that looks like a formula needs no guard here (unlike CSV). Numbers are numeric cells (whole
 * numbers with a thousands separator), dates serial numbers with a {@code yyyy-mm-dd} format, the header bold and
 * frozen. Characters that XML 1.0 cannot hold (control characters, lone surrogates) are dropped.
 */
final class XlsxWriter {
    /** Excel's limit; a longer table would give a file Excel refuses. */
    static final long MAX_ROWS = 1_048_576;
    /** Excel's limit of characters in one cell. */
    static final int MAX_CELL_CHARS = 32_767;

    // cellXfs indexes in STYLES
    private static final int STYLE_HEADER = 1;
    private static final int STYLE_DATE = 2;
    private static final int STYLE_INTEGER = 3;
    /** Day 0 of Excel's 1900 date system, as counted after its 1900-02-29 that never was. */
    private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);
    /** Serial numbers before this date are off by one in Excel (its fictitious 1900-02-29): written as text. */
    private static final LocalDate FIRST_SERIAL_DATE = LocalDate.of(1900, 3, 1);

    private static final String XML_DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
    private static final String MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static final String PACKAGE_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";

    private static final String CONTENT_TYPES = XML_DECLARATION
            + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/xl/workbook.xml\""
            + " ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
            + "<Override PartName=\"/xl/worksheets/sheet1.xml\""
            + " ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
            + "<Override PartName=\"/xl/styles.xml\""
            + " ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
            + "</Types>";

    private static final String PACKAGE_RELS = XML_DECLARATION
            + "<Relationships xmlns=\"" + PACKAGE_REL_NS + "\">"
            + "<Relationship Id=\"rId1\" Type=\"" + REL_NS + "/officeDocument\" Target=\"xl/workbook.xml\"/>"
            + "</Relationships>";

    private static final String WORKBOOK_RELS = XML_DECLARATION
            + "<Relationships xmlns=\"" + PACKAGE_REL_NS + "\">"
            + "<Relationship Id=\"rId1\" Type=\"" + REL_NS + "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
            + "<Relationship Id=\"rId2\" Type=\"" + REL_NS + "/styles\" Target=\"styles.xml\"/>"
            + "</Relationships>";

    /** Fonts 0 normal, 1 bold; cellXfs 0 default, 1 header (bold), 2 date, 3 whole number (#,##0). */
    private static final String STYLES = XML_DECLARATION
            + "<styleSheet xmlns=\"" + MAIN_NS + "\">"
            + "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/></numFmts>"
            + "<fonts count=\"2\">"
            + "<font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
            + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
            + "</fonts>"
            + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
            + "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
            + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
            + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
            + "<cellXfs count=\"4\">"
            + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
            + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
            + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
            + "<xf numFmtId=\"3\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
            + "</cellXfs>"
            + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
            + "</styleSheet>";

    private XlsxWriter() {
    }

    /** Writes {@code table} to {@code out} as a complete XLSX file, flushing but not closing {@code out}. */
    static void write(Tabular table, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        Writer writer = new BufferedWriter(new OutputStreamWriter(zip, StandardCharsets.UTF_8), 16 * 1024);
        part(zip, writer, "[Content_Types].xml", CONTENT_TYPES);
        part(zip, writer, "_rels/.rels", PACKAGE_RELS);
        part(zip, writer, "xl/workbook.xml", XML_DECLARATION
                + "<workbook xmlns=\"" + MAIN_NS + "\" xmlns:r=\"" + REL_NS + "\"><sheets>"
                + "<sheet name=\"" + escape(sheetName(table.tableName())) + "\" sheetId=\"1\" r:id=\"rId1\"/>"
                + "</sheets></workbook>");
        part(zip, writer, "xl/_rels/workbook.xml.rels", WORKBOOK_RELS);
        part(zip, writer, "xl/styles.xml", STYLES);
        zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
        writeSheet(table, writer);
        writer.flush();
        zip.closeEntry();
        zip.finish(); // not close(): the caller owns out
        out.flush();
    }

    private static void part(ZipOutputStream zip, Writer writer, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        writer.write(content);
        writer.flush();
        zip.closeEntry();
    }

    private static void writeSheet(Tabular table, Writer w) throws IOException {
        List<Tabular.Column> columns = table.columns();
        w.write(XML_DECLARATION);
        w.write("<worksheet xmlns=\"" + MAIN_NS + "\" xmlns:r=\"" + REL_NS + "\">");
        // the header stays in view while scrolling
        w.write("<sheetViews><sheetView workbookViewId=\"0\">"
                + "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
                + "<selection pane=\"bottomLeft\"/></sheetView></sheetViews>");
        if (!columns.isEmpty()) {
            w.write("<cols>");
            for (int c = 0; c < columns.size(); c++) {
                int width = Math.max(12, Math.min(60, columns.get(c).label().length() + 4));
                w.write("<col min=\"" + (c + 1) + "\" max=\"" + (c + 1) + "\" width=\"" + width
                        + "\" customWidth=\"1\"/>");
            }
            w.write("</cols>");
        }
        w.write("<sheetData>");
        w.write("<row r=\"1\">");
        for (int c = 0; c < columns.size(); c++) {
            inlineString(w, reference(c, 1), STYLE_HEADER, columns.get(c).label());
        }
        w.write("</row>");
        Cells.forEachRow(table, new Cells.RowSink() {
            private long excelRow;

            @Override
            public void startRow(long rowNumber) throws IOException {
                excelRow = rowNumber + 1;
                if (excelRow > MAX_ROWS) {
                    throw new IllegalStateException("Table " + table.tableName() + " has more rows than the "
                            + MAX_ROWS + " an XLSX sheet holds");
                }
                w.write("<row r=\"" + excelRow + "\">");
            }

            @Override
            public void cell(int column, Tabular.ColumnType type, Object value) throws IOException {
                if (value == null) {
                    return; // an empty cell is a missing <c>
                }
                String ref = reference(column, excelRow);
                switch (type) {
                    case TEXT -> inlineString(w, ref, 0, (String) value);
                    case INTEGER -> number(w, ref, STYLE_INTEGER, (String) value);
                    case DECIMAL -> number(w, ref, 0, (String) value);
                    case DATE -> {
                        LocalDate date = (LocalDate) value;
                        if (date.isBefore(FIRST_SERIAL_DATE)) {
                            inlineString(w, ref, 0, date.toString());
                        } else {
                            number(w, ref, STYLE_DATE, Long.toString(ChronoUnit.DAYS.between(EXCEL_EPOCH, date)));
                        }
                    }
                }
            }

            @Override
            public void endRow() throws IOException {
                w.write("</row>");
            }
        });
        w.write("</sheetData></worksheet>");
    }

    private static void inlineString(Writer w, String ref, int style, String text) throws IOException {
        w.write("<c r=\"" + ref + "\"" + (style == 0 ? "" : " s=\"" + style + "\"") + " t=\"inlineStr\"><is>"
                + "<t xml:space=\"preserve\">");
        w.write(escape(text.length() > MAX_CELL_CHARS ? text.substring(0, MAX_CELL_CHARS) : text));
        w.write("</t></is></c>");
    }

    private static void number(Writer w, String ref, int style, String plain) throws IOException {
        w.write("<c r=\"" + ref + "\"" + (style == 0 ? "" : " s=\"" + style + "\"") + "><v>" + plain + "</v></c>");
    }

    /** A cell's A1 reference: column 0 is A, 25 is Z, 26 is AA; rows count from 1. */
    static String reference(int column, long row) {
        StringBuilder letters = new StringBuilder();
        for (int n = column + 1; n > 0; n = (n - 1) / 26) {
            letters.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return letters.append(row).toString();
    }

    /**
     * Text as XML 1.0 character data or attribute value: markup characters escaped, CR kept as a reference (a
     * parser would turn a raw CR into LF), characters XML 1.0 cannot hold dropped (C0 controls other than tab, LF
     * and CR; lone surrogates; U+FFFE and U+FFFF).
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\r' -> out.append("&#13;");
                case '\t', '\n' -> out.append(c);
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (c >= 0x20 && !Character.isSurrogate(c) && c != 0xFFFE && c != 0xFFFF) {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** A valid sheet name: at most 31 characters, none of : \ / ? * [ ], not blank, no apostrophe at either end. */
    static String sheetName(String tableName) {
        String name = tableName.replaceAll("[:\\\\/?*\\[\\]]", "-").strip();
        if (name.length() > 31) {
            name = name.substring(0, 31);
        }
        name = name.replaceAll("^'+|'+$", "").strip();
        return name.isEmpty() ? "datos" : name;
    }
}
