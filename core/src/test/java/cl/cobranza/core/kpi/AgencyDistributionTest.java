package cl.cobranza.core.kpi;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AgencyDistributionTest {
    private static final LocalDate DAY = LocalDate.of(2025, 3, 31);

    private static DailyKpis day(String client, long overdue) {
        return new DailyKpis(client, DAY, 1_000, 2, overdue, 1, new long[] {1_000 - overdue, overdue, 0, 0, 0, 0}, 0, 0, 0,
                0, 0, 0, 1);
    }

    @Test
    void valuesAndRanksOverEveryClientInTheCataloguesOrder() {
        // overdue (less is better): a 100, b 300, c has no daily row; dead letters: b 2, everyone else 0
        AgencyDistribution d = new AgencyDistribution(List.of("a", "b", "c"), Map.of("a", day("a", 100), "b", day("b", 300)),
                Map.of(), Map.of(), Map.of("b", 2L), DAY);
        assertThat(d.values("a").get(KpiDefinitions.OVERDUE_RECEIVABLES)).isEqualTo(100L);
        assertThat(d.ranks("a").get(KpiDefinitions.OVERDUE_RECEIVABLES)).isEqualTo(100);
        assertThat(d.ranks("b").get(KpiDefinitions.OVERDUE_RECEIVABLES)).isEqualTo(0);
        assertThat(d.values("c").get(KpiDefinitions.OVERDUE_RECEIVABLES)).isNull();
        assertThat(d.ranks("c")).containsEntry(KpiDefinitions.OVERDUE_RECEIVABLES, null);
        // a and c tie on 0 dead letters (each: b worse, half of the other) → 75; b is the worst
        assertThat(List.of(d.ranks("a").get(KpiDefinitions.DEAD_LETTERS), d.ranks("c").get(KpiDefinitions.DEAD_LETTERS),
                d.ranks("b").get(KpiDefinitions.DEAD_LETTERS))).containsExactly(75, 75, 0);
        assertThat(d.ranks("a").keySet()).containsExactlyElementsOf(
                AgencyDistribution.RANKED.stream().map(KpiDefinition::id).toList());
        assertThat(d.ranks("a")).doesNotContainKey(KpiDefinitions.AGING);
    }
}
