package cl.cobranza.api.export;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.List;

/** What the CSV and XLSX writers share: walking the rows, checking each cell against its column, plain numbers. */
final class Cells {

    private Cells() {
    }

    /** Receives one checked cell of a row; a null value is an empty cell. */
    interface CellSink {
        void cell(int column, Tabular.ColumnType type, Object value) throws IOException;
    }

    /** Receives the rows of a table, each split into cells. */
    interface RowSink extends CellSink {
        void startRow(long rowNumber) throws IOException;

        void endRow() throws IOException;
    }

    /**
     * Feeds every row of {@code table} to {@code sink}, numbered from 1 (the header is row 0 and not fed), checking
     * that each row has one cell per column and that each cell fits its column's type. Numbers arrive as their
     * plain text ({@link #plain}), or null if not finite; dates as {@link LocalDate}; text as its string.
     */
    static long forEachRow(Tabular table, RowSink sink) throws IOException {
        List<Tabular.Column> columns = table.columns();
        long rowNumber = 0;
        for (List<Object> row : table.tableRows()) {
            rowNumber++;
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("Table " + table.tableName() + ", row " + rowNumber + ": "
                        + row.size() + " cells for " + columns.size() + " columns");
            }
            sink.startRow(rowNumber);
            for (int c = 0; c < columns.size(); c++) {
                Tabular.Column column = columns.get(c);
                sink.cell(c, column.type(), checked(table, rowNumber, column, row.get(c)));
            }
            sink.endRow();
        }
        return rowNumber;
    }

    private static Object checked(Tabular table, long rowNumber, Tabular.Column column, Object value) {
        if (value == null) {
            return null;
        }
        return switch (column.type()) {
            case TEXT -> value.toString();
            case INTEGER, DECIMAL -> {
                if (!(value instanceof Number number)) {
                    throw mismatch(table, rowNumber, column, value);
                }
                yield plain(number);
            }
            case DATE -> {
                if (!(value instanceof LocalDate)) {
                    throw mismatch(table, rowNumber, column, value);
                }
                yield value;
            }
        };
    }

    private static IllegalArgumentException mismatch(Tabular table, long rowNumber, Tabular.Column column,
                                                     Object value) {
        return new IllegalArgumentException("Table " + table.tableName() + ", row " + rowNumber + ", column \""
                + column.label() + "\" (" + column.type() + "): a " + value.getClass().getName() + " does not fit");
    }

    /**
     * A number as spreadsheets and CSV readers take it: '.' for decimals, no exponent, no grouping
     * ({@code 1.0E-5} becomes {@code 0.00001}); null for NaN and infinities, which neither format can hold.
     */
    static String plain(Number number) {
        if (number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte
                || number instanceof BigInteger) {
            return number.toString();
        }
        if (number instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        double value = number.doubleValue();
        if (!Double.isFinite(value)) {
            return null;
        }
        // Float/Double print the shortest decimal that reads back the same; BigDecimal drops the exponent
        String shortest = number instanceof Float ? Float.toString(number.floatValue()) : Double.toString(value);
        return new BigDecimal(shortest).stripTrailingZeros().toPlainString();
    }
}
