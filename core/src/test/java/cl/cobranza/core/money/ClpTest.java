package cl.cobranza.core.money;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClpTest {

    @ParameterizedTest(name = "{0} pesos -> {1}")
    @CsvSource(delimiter = '|', value = {
            "0        | $0",
            "7        | $7",
            "999      | $999",
            "1000     | $1.000",
            "12345    | $12.345",
            "123456   | $123.456",
            "1234567  | $1.234.567",
            "1000000  | $1.000.000",
            "-1       | -$1",
            "-999     | -$999",
            "-1234    | -$1.234",
            "-1234567 | -$1.234.567",
            "9223372036854775807 | $9.223.372.036.854.775.807",
    })
    void formatsLikeEsCl(long pesos, String expected) {
        assertThat(Clp.of(pesos)).hasToString(expected);
    }

    @Test
    void zeroConstantIsZeroPesos() {
        assertThat(Clp.ZERO).hasToString("$0").isEqualTo(Clp.of(0));
        assertThat(Clp.ZERO.isPositive()).isFalse();
    }

    @Test
    void formatsTheMostNegativeAmount() {
        // Long.MIN_VALUE is −9 223 372 036 854 775 808: Math.abs of it stays negative, so the digits must
        // not be taken from Math.abs(pesos).
        assertThat(Clp.of(Long.MIN_VALUE).toString())
                .as("Clp.toString() of Long.MIN_VALUE: Math.abs(Long.MIN_VALUE) is negative, leaking a second '-'")
                .isEqualTo("-$9.223.372.036.854.775.808");
    }

    @Test
    void addsAndSubtractsWholePesos() {
        // 1 250 000 − 400 000 − 250 000 = 600 000
        Clp open = Clp.of(1_250_000).minus(Clp.of(400_000)).minus(Clp.of(250_000));
        assertThat(open).isEqualTo(Clp.of(600_000));
        assertThat(Clp.of(999).plus(Clp.of(1))).hasToString("$1.000");
        assertThat(Clp.of(100).minus(Clp.of(250))).isEqualTo(Clp.of(-150)).hasToString("-$150");
    }

    @Test
    void additionOverflowThrows() {
        assertThatThrownBy(() -> Clp.of(Long.MAX_VALUE).plus(Clp.of(1))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Clp.of(Long.MIN_VALUE).plus(Clp.of(-1))).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void subtractionOverflowThrows() {
        assertThatThrownBy(() -> Clp.of(Long.MIN_VALUE).minus(Clp.of(1))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Clp.of(Long.MAX_VALUE).minus(Clp.of(-1))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Clp.ZERO.minus(Clp.of(Long.MIN_VALUE))).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void comparesByAmount() {
        assertThat(Clp.of(-1)).isLessThan(Clp.ZERO);
        assertThat(Clp.of(1_000)).isGreaterThan(Clp.of(999));
        assertThat(Clp.of(5)).isEqualByComparingTo(Clp.of(5));
        assertThat(Clp.of(1).isPositive()).isTrue();
        assertThat(Clp.of(-1).isPositive()).isFalse();
    }
}
