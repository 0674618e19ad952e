package cl.cobranza.core.chile;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Loading UF values exactly, the bundled sample covering 2026, and the error for a missing day. */
class UfTableTest {
    @Test
    void valuesAreExactToTheCent() {
        UfTable t = UfTable.load(new StringReader("""
                date,value
                # official values would go here
                2026-12-01,39643.59
                2026-12-02,39650.1
                """), "uf.csv");
        assertThat(t.valueOn(LocalDate.of(2026, 12, 1))).isEqualTo(new BigDecimal("39643.59"));
        assertThat(t.valueOn(LocalDate.of(2026, 12, 2))).isEqualTo(new BigDecimal("39650.10"));
    }

    @Test
    void theBundledSampleCoversEveryDayOf2026AndSaysItIsASample() throws Exception {
        UfTable sample = UfTable.sample();
        for (LocalDate d = LocalDate.of(2026, 1, 1); d.getYear() == 2026; d = d.plusDays(1)) {
            assertThat(sample.valueOn(d).scale()).isEqualTo(2);
        }
        try (var in = UfTable.class.getClassLoader().getResourceAsStream(UfTable.SAMPLE)) {
            String head = new String(in.readNBytes(60), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(head).startsWith("# SAMPLE / APPROXIMATION - NOT OFFICIAL");
        }
    }

    @Test
    void aMissingDayNamesTheDayAndHowToLoadTheSeries() {
        UfTable t = UfTable.load(new StringReader("2026-12-01,39643.59"), "uf.csv");
        assertThatThrownBy(() -> t.valueOn(LocalDate.of(2026, 12, 2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("02-12-2026").hasMessageContaining("UfTable.load").hasMessageContaining("Banco Central");
    }

    @Test
    void badRowsAreRefusedWithTheirLine() {
        assertThatThrownBy(() -> UfTable.load(new StringReader("2026-12-01,39643.591"), "uf.csv"))
                .hasMessageContaining("uf.csv línea 1").hasMessageContaining("2 decimales");
        assertThatThrownBy(() -> UfTable.load(new StringReader("2026-12-01,39.643,59"), "uf.csv"))
                .hasMessageContaining("decimales con punto");
        assertThatThrownBy(() -> UfTable.load(new StringReader("2026-12-01,-1"), "uf.csv")).hasMessageContaining("positivo");
        assertThatThrownBy(() -> UfTable.load(new StringReader("01-12-2026,39643.59"), "uf.csv"))
                .hasMessageContaining("yyyy-MM-dd");
    }
}
