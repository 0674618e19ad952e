package cl.cobranza.core.money;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IvaTest {

    @Test
    void taxIsNineteenPercentRoundedHalfUp() {
        assertThat(Iva.taxOf(100_000)).isEqualTo(19_000);
        assertThat(Iva.taxOf(1)).isZero();            // 0,19 → 0
        assertThat(Iva.taxOf(3)).isEqualTo(1);        // 0,57 → 1
        assertThat(Iva.taxOf(50)).isEqualTo(10);      // 9,5 → 10 (half up)
        assertThat(Iva.taxOf(1_234_567)).isEqualTo(234_568); // 234.567,73 → 234.568
    }

    @Test
    void totalIsNetPlusTax() {
        assertThat(Iva.totalOf(100_000)).isEqualTo(119_000);
        assertThat(Iva.totalOf(1_234_567)).isEqualTo(1_469_135);
    }

    @Test
    void netOfInvertsTotalOfAndRejectsTotalsNoNetProduces() {
        for (long net = 0; net < 20_000; net++) {
            assertThat(Iva.netOf(Iva.totalOf(net))).hasValue(net);
        }
        // net 2 → 2 (IVA 0,38 → 0), net 3 → 4 (IVA 0,57 → 1): no net has total 3.
        assertThat(Iva.netOf(3)).isEmpty();
        assertThat(Iva.netOf(119_000)).hasValue(100_000);
    }

    @Test
    void negativeAmountsAreRejectedWithTheirName() {
        assertThatThrownBy(() -> Iva.taxOf(-1)).hasMessageContaining("net amount -1");
        assertThatThrownBy(() -> Iva.netOf(-5)).hasMessageContaining("total amount -5");
    }
}
