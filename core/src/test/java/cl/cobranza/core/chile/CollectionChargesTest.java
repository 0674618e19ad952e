package cl.cobranza.core.chile;

import cl.cobranza.core.money.Clp;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The charge cap at its edges, computed by hand. With a UF of $40.000,00, 10 UF = $400.000 and 50 UF = $2.000.000,
 * so the cap is 9% up to $400.000 (max $36.000), + 6% up to $2.000.000 (max $96.000 more), + 3% above.
 */
class CollectionChargesTest {
    private static final LocalDate DAY = LocalDate.of(2026, 12, 1);
    private static final LocalDate CENTS_DAY = LocalDate.of(2026, 12, 2);
    private static final CollectionCharges CHARGES = new CollectionCharges(UfTable.of(Map.of(
            DAY, new BigDecimal("40000.00"), CENTS_DAY, new BigDecimal("39643.59")), "test"));

    private static long cap(long overdue) {
        return CHARGES.cap(overdue, 21, DAY).pesos();
    }

    @Test
    void theExampleOfTheLaw() {
        assertThat(cap(100_000)).isEqualTo(9_000);
        assertThat(new CollectionCharges(UfTable.sample()).cap(100_000, 45, DAY)).isEqualTo(Clp.of(9_000));
    }

    @Test
    void aroundTenUf() {
        assertThat(cap(399_999)).as("9%% of 399.999 = 35.999,91, rounded down").isEqualTo(35_999);
        assertThat(cap(400_000)).isEqualTo(36_000);
        assertThat(cap(400_001)).as("36.000 + 6%% of 1 = 36.000,06").isEqualTo(36_000);
        assertThat(cap(400_017)).as("36.000 + 6%% of 17 = 36.001,02").isEqualTo(36_001);
    }

    @Test
    void aroundFiftyUf() {
        assertThat(cap(1_999_999)).as("36.000 + 6%% of 1.599.999 = 131.999,94").isEqualTo(131_999);
        assertThat(cap(2_000_000)).as("36.000 + 96.000").isEqualTo(132_000);
        assertThat(cap(2_000_001)).as("132.000 + 3%% of 1 = 132.000,03").isEqualTo(132_000);
        assertThat(cap(2_000_034)).as("132.000 + 3%% of 34 = 132.001,02").isEqualTo(132_001);
        assertThat(cap(10_000_000)).as("132.000 + 3%% of 8.000.000").isEqualTo(372_000);
    }

    @Test
    void aUfWithCentsIsUsedExactly() {
        // 10 UF = 396.435,90 and 50 UF = 1.982.179,50
        assertThat(CHARGES.cap(396_435, 30, CENTS_DAY).pesos()).as("9%% of 396.435 = 35.679,15").isEqualTo(35_679);
        assertThat(CHARGES.cap(396_436, 30, CENTS_DAY).pesos()).as("35.679,231 + 0,006").isEqualTo(35_679);
        assertThat(CHARGES.cap(1_982_180, 30, CENTS_DAY).pesos())
                .as("35.679,231 + 6%% of 1.585.743,60 + 3%% of 0,50 = 130.823,862").isEqualTo(130_823);
    }

    @Test
    void nothingUntilMoreThanTwentyDaysOverdue() {
        assertThat(CHARGES.cap(100_000, 20, DAY)).isEqualTo(Clp.ZERO);
        assertThat(CHARGES.cap(100_000, 21, DAY)).isEqualTo(Clp.of(9_000));
        assertThat(CHARGES.cap(100_000, 0, DAY)).isEqualTo(Clp.ZERO);
        assertThat(cap(0)).isZero();
    }
}
