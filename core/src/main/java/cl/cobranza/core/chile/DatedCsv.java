package cl.cobranza.core.chile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Reads the dated tables of this package (holidays, UF): UTF-8 rows {@code yyyy-MM-dd,…}, one per date; blank
 * lines, {@code #} comments, a byte-order mark and a {@code date,…} header are skipped; every error names the
 * table, the line and the fix, in Spanish.
 */
final class DatedCsv {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd-MM-yyyy");

    /** Parses the fields after the date of one row; {@code where} ("origin línea n") prefixes its errors. */
    interface Row<T> {
        T parse(LocalDate date, String[] fields, String where);
    }

    private DatedCsv() {
    }

    /**
     * The rows of {@code reader} by date. A row has {@code fields} comma-separated fields (the last one keeps any
     * further commas); {@code expected} shows the right form; {@code duplicateHint} ends the error of a repeated date.
     */
    static <T> NavigableMap<LocalDate, T> read(Reader reader, String origin, String table, int fields, String expected,
                                               String duplicateHint, Row<T> row) {
        NavigableMap<LocalDate, T> map = new TreeMap<>();
        BufferedReader in = new BufferedReader(reader);
        int lineNo = 0;
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                String t = line.strip();
                if (lineNo == 1 && t.startsWith("\uFEFF")) {
                    t = t.substring(1);
                }
                if (t.isEmpty() || t.startsWith("#") || t.toLowerCase().startsWith("date,")) {
                    continue;
                }
                String where = origin + " línea " + lineNo;
                String[] f = t.split(",", fields);
                if (f.length != fields) {
                    throw new IllegalArgumentException(where + ": se esperaba " + expected + " y se leyó '" + t + "'");
                }
                LocalDate date;
                try {
                    date = LocalDate.parse(f[0].strip());
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException(where + ": la fecha '" + f[0] + "' no tiene el formato yyyy-MM-dd", e);
                }
                if (map.putIfAbsent(date, row.parse(date, f, where)) != null) {
                    throw new IllegalArgumentException(where + ": el " + DAY.format(date) + " aparece dos veces" + duplicateHint);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("no se pudo leer la tabla de " + table + " " + origin, e);
        }
        if (map.isEmpty()) {
            throw new IllegalArgumentException("la tabla de " + table + " " + origin + " no tiene filas");
        }
        return map;
    }
}
