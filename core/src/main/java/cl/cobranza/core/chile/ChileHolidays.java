package cl.cobranza.core.chile;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Chile's public holidays, from a table of {@code date,name,source} rows: the bundled
 * {@value #BUNDLED} (2025–2027, worked out from the laws it names; official source feriados.cl and the
 * Diario Oficial) or one a client supplies with {@link #load}. A date in a year the table does not cover
 * is an error, never "not a holiday": a stale table must not let a collector call on a holiday.
 */
public final class ChileHolidays {
    /** Classpath resource of the bundled table. */
    public static final String BUNDLED = "chile/feriados.csv";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd-MM-yyyy");

    /** One public holiday: its (moved, where a law moves it) date, its name and the law that makes it one. */
    public record Holiday(LocalDate date, String name, String source) {
        public Holiday {
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(source, "source");
        }
    }

    private final NavigableMap<LocalDate, Holiday> byDate;
    private final Set<Integer> years;
    private final String origin;

    private ChileHolidays(NavigableMap<LocalDate, Holiday> byDate, String origin) {
        this.byDate = Collections.unmodifiableNavigableMap(byDate);
        TreeSet<Integer> ys = new TreeSet<>();
        byDate.keySet().forEach(d -> ys.add(d.getYear()));
        this.years = Collections.unmodifiableSet(ys);
        this.origin = origin;
    }

    /** The table bundled with cobranza (2025–2027). */
    public static ChileHolidays bundled() {
        InputStream in = ChileHolidays.class.getClassLoader().getResourceAsStream(BUNDLED);
        if (in == null) {
            throw new IllegalStateException("falta el recurso " + BUNDLED + " en el classpath del módulo core");
        }
        return load(in, BUNDLED);
    }

    /** Reads a UTF-8 table; {@code origin} (a file name) is named in error messages. */
    public static ChileHolidays load(InputStream in, String origin) {
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return load(r, origin);
        } catch (IOException e) {
            throw new UncheckedIOException("no se pudo leer la tabla de feriados " + origin, e);
        }
    }

    /**
     * Reads a table of {@code yyyy-MM-dd,name,source} lines; blank lines, {@code #} comments and a
     * {@code date,...} header are skipped. The source (last field) may contain commas.
     */
    public static ChileHolidays load(Reader reader, String origin) {
        NavigableMap<LocalDate, Holiday> map = DatedCsv.read(reader, origin, "feriados", 3,
                "'fecha,nombre,fuente' (ej. 2026-12-25,Navidad,Ley 2.977)",
                "; junte los nombres en una fila (ej. 'San Pedro y San Pablo; Elecciones')", (date, f, where) -> {
                    if (f[1].isBlank() || f[2].isBlank()) {
                        throw new IllegalArgumentException(where + ": se esperaba 'fecha,nombre,fuente' "
                                + "(ej. 2026-12-25,Navidad,Ley 2.977); falta el nombre o la fuente");
                    }
                    return new Holiday(date, f[1].strip(), f[2].strip());
                });
        return new ChileHolidays(map, origin);
    }

    /** Whether a day is a public holiday; fails when the table does not cover the day's year. */
    public boolean isHoliday(LocalDate day) {
        return holidayOn(day).isPresent();
    }

    /** The holiday on a day, if any; fails when the table does not cover the day's year. */
    public Optional<Holiday> holidayOn(LocalDate day) {
        requireCovered(day);
        return Optional.ofNullable(byDate.get(day));
    }

    /** The holidays of a year in date order; fails when the table does not cover it. */
    public List<Holiday> holidaysIn(int year) {
        requireCovered(LocalDate.of(year, 1, 1));
        return List.copyOf(new ArrayList<>(byDate.subMap(LocalDate.of(year, 1, 1), true,
                LocalDate.of(year, 12, 31), true).values()));
    }

    /** The years with at least one row in the table: the ones it answers for. */
    public Set<Integer> years() {
        return years;
    }

    /** Whether the table answers for a day's year. */
    public boolean covers(LocalDate day) {
        return years.contains(day.getYear());
    }

    private void requireCovered(LocalDate day) {
        if (!covers(day)) {
            throw new IllegalStateException("la tabla de feriados " + origin + " no cubre el año " + day.getYear()
                    + " (pedido para el " + DAY.format(day) + "; cubre " + years + "): cargue una tabla actualizada "
                    + "desde feriados.cl con ChileHolidays.load (formato fecha,nombre,fuente)");
        }
    }
}
