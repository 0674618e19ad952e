package cl.cobranza.api.export;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A response that can be shown as one table, and so also downloaded as CSV or XLSX with {@code ?format=csv|xlsx}.
 *
 * <p>A response opts in by implementing this interface; nothing else is needed: the JSON body stays what the
 * record's components make it (these methods are not bean getters, so Jackson ignores them), and the export
 * converters (ExportConfiguration) write the same object as a table. Each row has one cell per column, in
 * the order of {@link #columns()}; a cell may be {@code null} (an empty cell), so build rows with
 * {@link #row(Object...)} rather than {@code List.of}, which refuses nulls. The cell of a
 * <ul>
 *   <li>{@link ColumnType#TEXT} column is any object, written as its {@code toString()};</li>
 *   <li>{@link ColumnType#INTEGER} or {@link ColumnType#DECIMAL} column is a {@link Number} (NaN and infinities
 *       are written as empty cells);</li>
 *   <li>{@link ColumnType#DATE} column is a {@link java.time.LocalDate}.</li>
 * </ul>
 * Any other cell fails the export with an {@link IllegalArgumentException} naming the table, row and column.
 * {@link #tableRows()} is iterated once, while the file is written to the response: a lazy iterable streams.
 */
public interface Tabular {

    /** The file's name without extension, e.g. {@code "kpis-diarios-cliente-a"}; also the XLSX sheet's name. */
    String tableName();

    /** The columns, left to right: their header labels (in Spanish) and the type of their cells. */
    List<Column> columns();

    /** The rows, top to bottom, each with one cell per column. */
    Iterable<List<Object>> tableRows();

    /** One row's cells, nulls allowed (an empty cell). */
    static List<Object> row(Object... cells) {
        return Arrays.asList(cells);
    }

    /** One column of a table: the header label shown to the user and the type of its cells. */
    record Column(String label, ColumnType type) {
        /** Checks that both the label and the type are given. */
        public Column {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(type, "type");
        }

        /** A column of text (names, RUTs, codes, enums). */
        public static Column text(String label) {
            return new Column(label, ColumnType.TEXT);
        }

        /** A column of whole numbers: CLP amounts, counts. */
        public static Column integer(String label) {
            return new Column(label, ColumnType.INTEGER);
        }

        /** A column of numbers with decimals: ratios, days. */
        public static Column decimal(String label) {
            return new Column(label, ColumnType.DECIMAL);
        }

        /** A column of calendar dates. */
        public static Column date(String label) {
            return new Column(label, ColumnType.DATE);
        }
    }

    /** What a column holds, which decides how a spreadsheet shows and sorts it. */
    enum ColumnType {
        /** Any value, written as text. */
        TEXT,
        /** Whole numbers: CLP amounts, counts (XLSX shows them with thousands separators). */
        INTEGER,
        /** Numbers with decimals: ratios, days. */
        DECIMAL,
        /** {@link java.time.LocalDate} values (XLSX: real dates, shown yyyy-mm-dd). */
        DATE
    }
}
