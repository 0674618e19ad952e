package cl.cobranza.core.chile;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bundled holiday table against dates worked out by hand, and against the moving rules computed independently. */
class ChileHolidaysTest {
    private static final ChileHolidays BUNDLED = ChileHolidays.bundled();

    @Test
    void the2026ListIsTheOneWorkedOutByHand() {
        // Easter 2026 is 5 April; the solstice is 21-06 08:24 UTC (04:24 in Chile, UTC-4 in winter); 29-06 and 12-10
        // fall on Mondays and 31-10 on a Saturday, so nothing moves; no election in 2026.
        List<LocalDate> expected = List.of(
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 4, 3), LocalDate.of(2026, 4, 4), LocalDate.of(2026, 5, 1),
                LocalDate.of(2026, 5, 21), LocalDate.of(2026, 6, 21), LocalDate.of(2026, 6, 29), LocalDate.of(2026, 7, 16),
                LocalDate.of(2026, 8, 15), LocalDate.of(2026, 9, 18), LocalDate.of(2026, 9, 19), LocalDate.of(2026, 10, 12),
                LocalDate.of(2026, 10, 31), LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 8), LocalDate.of(2026, 12, 25));
        assertThat(BUNDLED.holidaysIn(2026)).extracting(ChileHolidays.Holiday::date).containsExactlyElementsOf(expected);
        assertThat(BUNDLED.holidayOn(LocalDate.of(2026, 6, 21))).get()
                .extracting(ChileHolidays.Holiday::name).isEqualTo("Día Nacional de los Pueblos Indígenas");
        assertThat(BUNDLED.isHoliday(LocalDate.of(2026, 12, 7))).as("the day before the Immaculate Conception").isFalse();
    }

    @Test
    void theMovedHolidaysOf2025To2027FollowTheirLaws() {
        for (int year = 2025; year <= 2027; year++) {
            LocalDate easter = easterSunday(year);
            assertThat(BUNDLED.isHoliday(easter.minusDays(2))).as("Good Friday %d", year).isTrue();
            assertThat(BUNDLED.isHoliday(easter.minusDays(1))).as("Holy Saturday %d", year).isTrue();
            assertThat(BUNDLED.isHoliday(ley19668(LocalDate.of(year, 6, 29)))).as("San Pedro y San Pablo %d", year).isTrue();
            assertThat(BUNDLED.isHoliday(ley19668(LocalDate.of(year, 10, 12)))).as("Dos Mundos %d", year).isTrue();
            assertThat(BUNDLED.isHoliday(ley20299(LocalDate.of(year, 10, 31)))).as("Iglesias Evangélicas %d", year).isTrue();
            for (LocalDate fixed : List.of(LocalDate.of(year, 1, 1), LocalDate.of(year, 5, 1), LocalDate.of(year, 9, 18),
                    LocalDate.of(year, 9, 19), LocalDate.of(year, 12, 25))) {
                assertThat(BUNDLED.isHoliday(fixed)).as("irrenunciable %s", fixed).isTrue();
            }
        }
        assertThat(BUNDLED.isHoliday(LocalDate.of(2027, 6, 29))).as("moved to Monday 28-06-2027").isFalse();
        assertThat(BUNDLED.isHoliday(LocalDate.of(2027, 10, 12))).as("moved to Monday 11-10-2027").isFalse();
        assertThat(BUNDLED.isHoliday(LocalDate.of(2025, 6, 20))).as("2025 solstice, in Chile's time").isTrue();
        assertThat(BUNDLED.isHoliday(LocalDate.of(2025, 11, 16))).as("2025 election").isTrue();
        assertThat(BUNDLED.isHoliday(LocalDate.of(2025, 12, 14))).as("2025 run-off").isTrue();
        assertThat(BUNDLED.holidaysIn(2025)).hasSize(18);
        assertThat(BUNDLED.holidaysIn(2027)).hasSize(16);
    }

    @Test
    void aClientCanLoadAnUpdatedTable() {
        ChileHolidays table = ChileHolidays.load(new StringReader("""
                # updated by the client
                date,name,source
                2028-01-01,Año Nuevo,Ley 2.977, irrenunciable
                2028-10-22,Elecciones Municipales,Ley 18.700 art. 169
                """), "feriados-2028.csv");
        assertThat(table.years()).containsExactly(2028);
        assertThat(table.holidayOn(LocalDate.of(2028, 1, 1))).get()
                .extracting(ChileHolidays.Holiday::source).isEqualTo("Ley 2.977, irrenunciable");
        assertThat(table.isHoliday(LocalDate.of(2028, 10, 22))).isTrue();
    }

    @Test
    void aYearTheTableDoesNotCoverIsAnErrorNotAWorkingDay() {
        assertThatThrownBy(() -> BUNDLED.isHoliday(LocalDate.of(2028, 3, 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2028").hasMessageContaining("01-03-2028").hasMessageContaining("ChileHolidays.load");
    }

    @Test
    void badRowsAreRefusedWithTheirLine() {
        assertThatThrownBy(() -> ChileHolidays.load(new StringReader("2026-13-01,X,Ley 1"), "f.csv"))
                .hasMessageContaining("f.csv línea 1").hasMessageContaining("yyyy-MM-dd");
        assertThatThrownBy(() -> ChileHolidays.load(new StringReader("2026-12-25,Navidad"), "f.csv"))
                .hasMessageContaining("fecha,nombre,fuente");
        assertThatThrownBy(() -> ChileHolidays.load(new StringReader("2026-12-25,A,L\n2026-12-25,B,L"), "f.csv"))
                .hasMessageContaining("línea 2").hasMessageContaining("dos veces");
    }

    /** Anonymous Gregorian algorithm (Meeus/Jones/Butcher), an oracle independent of the table. */
    private static LocalDate easterSunday(int y) {
        int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(y, month, day);
    }

    /** Ley 19.668: Tue–Thu to the Monday of the week, Friday to the next Monday, otherwise unchanged. */
    private static LocalDate ley19668(LocalDate d) {
        return switch (d.getDayOfWeek()) {
            case TUESDAY, WEDNESDAY, THURSDAY -> d.with(DayOfWeek.MONDAY);
            case FRIDAY -> d.plusDays(3);
            default -> d;
        };
    }

    /** Ley 20.299: Tuesday to the Friday before, Wednesday to the Friday after. */
    private static LocalDate ley20299(LocalDate d) {
        return switch (d.getDayOfWeek()) {
            case TUESDAY -> d.minusDays(4);
            case WEDNESDAY -> d.plusDays(2);
            default -> d;
        };
    }
}
