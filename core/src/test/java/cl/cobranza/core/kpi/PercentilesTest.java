package cl.cobranza.core.kpi;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PercentilesTest {

    @Test
    void lowerDsoIsBetter() {
        // four clients: 30 < 45 < 60 < 90 days; the best has 3 worse of 3 others, the worst none
        Map<String, Integer> ranks = Percentiles.ranks(Map.of("a", 30.0, "b", 45.0, "c", 60.0, "d", 90.0),
                KpiDefinitions.DSO_COUNTBACK);
        assertThat(ranks).containsExactlyInAnyOrderEntriesOf(Map.of("a", 100, "b", 67, "c", 33, "d", 0));
    }

    @Test
    void higherRecoveryIsBetterAndTiesShareTheMidpoint() {
        // b and c tie: each has a worse (a) and half of the other → (1 + 0.5) / 2 = 75
        Map<String, Integer> ranks = Percentiles.ranks(Map.of("a", 0.1, "b", 0.5, "c", 0.5),
                KpiDefinitions.PERIOD_RECOVERY_RATE);
        assertThat(ranks).containsExactlyInAnyOrderEntriesOf(Map.of("a", 0, "b", 75, "c", 75));
    }

    @Test
    void clientsWithoutAValueGetNoRankAndAClientAloneRanksFirst() {
        Map<String, Double> values = new HashMap<>();
        values.put("a", 12.0);
        values.put("b", null);
        assertThat(Percentiles.ranks(values, KpiDefinitions.CEI)).containsExactly(Map.entry("a", 100));
    }

    @Test
    void directions() {
        assertThat(Percentiles.higherIsBetter(KpiDefinitions.CEI)).isTrue();
        assertThat(Percentiles.higherIsBetter(KpiDefinitions.PROMISE_KEPT_RATE)).isTrue();
        assertThat(Percentiles.higherIsBetter(KpiDefinitions.COST_PER_INVOICE)).isFalse();
        assertThat(Percentiles.higherIsBetter(KpiDefinitions.OVERDUE_RECEIVABLES)).isFalse();
        assertThat(Percentiles.higherIsBetter(KpiDefinitions.OPEN_RECEIVABLES)).isNull();
    }
}
