package cl.cobranza.api.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Writes a {@link Tabular} as CSV (RFC 4180): a header line, then one line per row; fields separated by commas and
 * quoted when they hold a comma, a quote, CR or LF (quotes doubled); CRLF line ends; UTF-8 preceded by a byte-order
 * mark, without which Excel reads the file as Windows-1252 and garbles accents. Numbers are plain with '.' for
 * decimals, dates {@code yyyy-MM-dd}, null cells empty.
 *
 * <p>Formula injection: spreadsheets open a CSV by evaluating every field that looks like a formula, so a debtor
 * named {@code =HYPERLINK("http://…","pague aquí")} or {@code @SUM(…)} (names, notes and references come from
 * client systems and collectors) would run as a formula on the analyst's machine. A text field starting with
 * {@code =}, {@code +}, {@code -}, {@code @}, tab or CR therefore gets a leading apostrophe, which spreadsheets show
 * as text and do not evaluate (OWASP's advice). Only TEXT columns are guarded: numbers and dates are written by this
 * class and a negative amount must stay a number.
 */
final class CsvWriter {
    private static final String CRLF = "\r\n";

    private CsvWriter() {
    }

    /** Writes {@code table} to {@code out}, flushing but not closing it. */
    static void write(Tabular table, OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 16 * 1024);
        writer.write('\uFEFF');
        boolean first = true;
        for (Tabular.Column column : table.columns()) {
            if (!first) {
                writer.write(',');
            }
            first = false;
            writer.write(field(column.label()));
        }
        writer.write(CRLF);
        Cells.forEachRow(table, new Cells.RowSink() {
            @Override
            public void startRow(long rowNumber) {
            }

            @Override
            public void cell(int column, Tabular.ColumnType type, Object value) throws IOException {
                if (column > 0) {
                    writer.write(',');
                }
                if (value != null) {
                    writer.write(type == Tabular.ColumnType.TEXT ? field(value.toString()) : value.toString());
                }
            }

            @Override
            public void endRow() throws IOException {
                writer.write(CRLF);
            }
        });
        writer.flush();
    }

    /** One text field: guarded against formula injection, then quoted if RFC 4180 requires it. */
    static String field(String text) {
        String guarded = startsLikeFormula(text) ? "'" + text : text;
        boolean quote = false;
        for (int i = 0; i < guarded.length() && !quote; i++) {
            char c = guarded.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        return quote ? '"' + guarded.replace("\"", "\"\"") + '"' : guarded;
    }

    private static boolean startsLikeFormula(String text) {
        if (text.isEmpty()) {
            return false;
        }
        char c = text.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }
}
