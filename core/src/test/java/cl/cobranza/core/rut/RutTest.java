package cl.cobranza.core.rut;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RutTest {

    // 12.345.678-5: digits right to left 8,7,6,5,4,3,2,1 × 2,3,4,5,6,7,2,3
    //   = 16+21+24+25+24+21+4+3 = 138; 138 mod 11 = 6; 11 − 6 = 5.
    @ParameterizedTest
    @ValueSource(strings = {"12.345.678-5", "12345678-5", "123456785", " 12.345.678-5 "})
    void parsesTheFirstVerifiedExampleInEveryNotation(String text) {
        Rut rut = Rut.parse(text);
        assertThat(rut.body()).isEqualTo(12_345_678);
        assertThat(rut.checkDigit()).isEqualTo('5');
        assertThat(rut).hasToString("12.345.678-5");
        assertThat(rut.compact()).isEqualTo("12345678-5");
    }

    // 12.678.579-8: digits 9,7,5,8,7,6,2,1 × 2,3,4,5,6,7,2,3
    //   = 18+21+20+40+42+42+4+3 = 190; 190 mod 11 = 3; 11 − 3 = 8.
    @ParameterizedTest
    @ValueSource(strings = {"12.678.579-8", "12678579-8", "126785798"})
    void parsesTheSecondVerifiedExample(String text) {
        Rut rut = Rut.parse(text);
        assertThat(rut).isEqualTo(new Rut(12_678_579, '8'));
        assertThat(rut).hasToString("12.678.579-8");
        assertThat(rut.compact()).isEqualTo("12678579-8");
    }

    // 15.509.661-6: digits 1,6,6,9,0,5,5,1 × 2,3,4,5,6,7,2,3
    //   = 2+18+24+45+0+35+10+3 = 137; 137 mod 11 = 5; 11 − 5 = 6.
    @ParameterizedTest
    @ValueSource(strings = {"15.509.661-6", "15509661-6", "155096616"})
    void parsesTheThirdVerifiedExample(String text) {
        Rut rut = Rut.parse(text);
        assertThat(rut).isEqualTo(new Rut(15_509_661, '6'));
        assertThat(rut).hasToString("15.509.661-6");
        assertThat(rut.compact()).isEqualTo("15509661-6");
    }

    // 76.354.771-K: digits 1,7,7,4,5,3,6,7 × 2,3,4,5,6,7,2,3
    //   = 2+21+28+20+30+21+12+21 = 155; 155 mod 11 = 1; 11 − 1 = 10 → K (generic mod-11 would say 1).
    @ParameterizedTest
    @ValueSource(strings = {"76.354.771-K", "76.354.771-k", "76354771-K", "76354771-k", "76354771K", "76354771k"})
    void checkDigitTenIsK(String text) {
        Rut rut = Rut.parse(text);
        assertThat(rut.body()).isEqualTo(76_354_771);
        assertThat(rut.checkDigit()).isEqualTo('K');
        assertThat(rut).hasToString("76.354.771-K");
        assertThat(rut.compact()).isEqualTo("76354771-K");
        assertThat(Rut.checkDigitOf(76_354_771)).isEqualTo('K');
    }

    // 76.354.776-0: digits 6,7,7,4,5,3,6,7 × 2,3,4,5,6,7,2,3
    //   = 12+21+28+20+30+21+12+21 = 165; 165 mod 11 = 0; 11 − 0 = 11 → 0.
    @ParameterizedTest
    @ValueSource(strings = {"76.354.776-0", "76354776-0", "763547760"})
    void checkDigitElevenIsZero(String text) {
        Rut rut = Rut.parse(text);
        assertThat(rut).isEqualTo(new Rut(76_354_776, '0'));
        assertThat(rut).hasToString("76.354.776-0");
        assertThat(Rut.checkDigitOf(76_354_776)).isEqualTo('0');
    }

    @Test
    void lowerCaseKInTheConstructorIsStoredUpperCase() {
        assertThat(new Rut(76_354_771, 'k').checkDigit()).isEqualTo('K');
        assertThat(new Rut(76_354_771, 'k')).isEqualTo(new Rut(76_354_771, 'K'));
    }

    @Test
    void shortBodiesAreGroupedFromTheRight() {
        // 1.234.567: digits 7,6,5,4,3,2,1 × 2,3,4,5,6,7,2 = 14+18+20+20+18+14+2 = 106; 106 mod 11 = 7; 11 − 7 = 4.
        Rut seven = Rut.parse("1234567-4");
        assertThat(seven).hasToString("1.234.567-4");
        assertThat(seven.compact()).isEqualTo("1234567-4");
        // 6: 6 × 2 = 12; 12 mod 11 = 1; 11 − 1 = 10 → K.
        assertThat(Rut.parse("6-k")).hasToString("6-K");
        // 123.456: digits 6,5,4,3,2,1 × 2,3,4,5,6,7 = 12+15+16+15+12+7 = 77; 77 mod 11 = 0 → 0.
        assertThat(Rut.parse("123456-0")).hasToString("123.456-0");
    }

    @Test
    void wrongCheckDigitIsRejectedNamingTheExpectedDigit() {
        assertThatThrownBy(() -> Rut.parse("12.345.678-4"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 5");
        assertThatThrownBy(() -> Rut.parse("76.354.771-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected K");
        assertThatThrownBy(() -> Rut.parse("76.354.776-K"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 0");
        assertThatThrownBy(() -> new Rut(15_509_661, '7'))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 6");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "5", "-", "abc", "12.345.678-X", "12,345,678-5", "1234567a-5", "123456789-2",
            "12.345.678-55", "RUT 12.345.678-5"})
    void garbageIsRejectedWithTheExpectedForm(String text) {
        assertThatThrownBy(() -> Rut.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("12.345.678-5");
        assertThat(Rut.isValid(text)).isFalse();
    }

    @Test
    void zeroBodyIsRejected() {
        assertThatThrownBy(() -> Rut.parse("0-0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 1 and 99.999.999");
    }

    @Test
    void isValidAcceptsTheVerifiedExamples() {
        assertThat(Rut.isValid("12.345.678-5")).isTrue();
        assertThat(Rut.isValid("12678579-8")).isTrue();
        assertThat(Rut.isValid("155096616")).isTrue();
        assertThat(Rut.isValid("12.345.678-6")).isFalse();
    }

    @Test
    void naturalPersonsHaveBodiesBelowFiftyMillion() {
        assertThat(Rut.parse("12.345.678-5").isNaturalPerson()).isTrue();
        assertThat(new Rut(49_999_999, Rut.checkDigitOf(49_999_999)).isNaturalPerson()).isTrue();
        assertThat(new Rut(50_000_000, Rut.checkDigitOf(50_000_000)).isNaturalPerson()).isFalse();
    }
}
