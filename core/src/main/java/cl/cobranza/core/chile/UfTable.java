package cl.cobranza.core.chile;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Daily values of the Unidad de Fomento in CLP with two decimals (exact {@link BigDecimal}, never double),
 * read from {@code date,value} lines. The bundled {@value #SAMPLE} is an approximation for tests and demos;
 * load the Banco Central's official series with {@link #load} before computing what a debtor pays.
 */
public final class UfTable {
    /** Classpath resource of the bundled sample (2025–2027, approximate values, not official). */
    public static final String SAMPLE = "chile/uf-sample.csv";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd-MM-yyyy");

    private final NavigableMap<LocalDate, BigDecimal> values;
    private final String origin;

    private UfTable(NavigableMap<LocalDate, BigDecimal> values, String origin) {
        this.values = Collections.unmodifiableNavigableMap(values);
        this.origin = origin;
    }

    /** The bundled sample table: approximate values, to be replaced by the Banco Central's series. */
    public static UfTable sample() {
        InputStream in = UfTable.class.getClassLoader().getResourceAsStream(SAMPLE);
        if (in == null) {
            throw new IllegalStateException("falta el recurso " + SAMPLE + " en el classpath del módulo core");
        }
        return load(in, SAMPLE);
    }

    /** A table from explicit values, each positive with at most 2 decimals (nothing is rounded). */
    public static UfTable of(Map<LocalDate, BigDecimal> values, String origin) {
        NavigableMap<LocalDate, BigDecimal> map = new TreeMap<>();
        values.forEach((d, v) -> map.put(d, checked(v, origin + " " + d)));
        return new UfTable(map, origin);
    }

    /** Reads a UTF-8 CSV; {@code origin} (a file name) is named in error messages. */
    public static UfTable load(InputStream in, String origin) {
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return load(r, origin);
        } catch (IOException e) {
            throw new UncheckedIOException("no se pudo leer la tabla de UF " + origin, e);
        }
    }

    /**
     * Reads {@code yyyy-MM-dd,value} lines, the value in CLP with a decimal point and at most 2 decimals
     * ({@code 39643.59}); blank lines, {@code #} comments and a {@code date,...} header are skipped.
     */
    public static UfTable load(Reader reader, String origin) {
        NavigableMap<LocalDate, BigDecimal> map = DatedCsv.read(reader, origin, "UF", 2,
                "'fecha,valor' (ej. 2026-12-01,39643.59, decimales con punto)", "", (date, f, where) -> {
                    try {
                        return checked(new BigDecimal(f[1].strip()), where);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(where + ": el valor '" + f[1] + "' no es un número como 39643.59 (decimales con punto, sin separador de miles)", e);
                    }
                });
        return new UfTable(map, origin);
    }

    /** The UF of a day in CLP (scale 2); fails naming the day and how to load the series when it is missing. */
    public BigDecimal valueOn(LocalDate day) {
        BigDecimal v = values.get(day);
        if (v == null) {
            throw new IllegalStateException("no hay valor de UF para el " + DAY.format(day) + " en la tabla " + origin
                    + " (cubre del " + DAY.format(values.firstKey()) + " al " + DAY.format(values.lastKey())
                    + "): cargue la serie diaria del Banco Central con UfTable.load (líneas 'yyyy-MM-dd,valor')");
        }
        return v;
    }

    /** The first day with a value. */
    public LocalDate firstDay() {
        return values.firstKey();
    }

    /** The last day with a value. */
    public LocalDate lastDay() {
        return values.lastKey();
    }

    private static BigDecimal checked(BigDecimal v, String where) {
        if (v.signum() <= 0) {
            throw new IllegalArgumentException(where + ": el valor de la UF debe ser positivo, se leyó " + v.toPlainString());
        }
        if (v.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException(where + ": la UF se publica con 2 decimales, se leyó " + v.toPlainString());
        }
        return v.setScale(2);
    }
}
