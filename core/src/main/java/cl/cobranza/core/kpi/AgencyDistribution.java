package cl.cobranza.core.kpi;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every client's current KPIs and its percentile rank within the whole agency on each ranked KPI (every scalar KPI
 * of the catalogue: the aging is a set of buckets, not a number). Immutable once built.
 */
public final class AgencyDistribution {
    /** The ranked KPIs, in the catalogue's order. */
    public static final List<KpiDefinition> RANKED = KpiDefinitions.ALL.stream()
            .filter(d -> !d.id().equals(KpiDefinitions.AGING)).toList();

    private final Map<String, Map<String, Number>> values = new HashMap<>();
    private final Map<String, Map<String, Integer>> ranks = new HashMap<>();

    /**
     * The distribution as of {@code asOf} over these clients, from each one's newest daily row on or before asOf,
     * asOf's monthly row, cohorts and dead-letter count (a client missing from a map has no such row).
     */
    public AgencyDistribution(Collection<String> clients, Map<String, DailyKpis> latestDaily,
                              Map<String, MonthlyKpis> month, Map<String, List<CohortRecovery>> cohorts,
                              Map<String, Long> deadLetters, LocalDate asOf) {
        for (String id : clients) {
            Map<String, Number> byKpi = new LinkedHashMap<>();
            for (KpiSnapshot.Value v : KpiSnapshot.current(latestDaily.get(id), month.get(id),
                    cohorts.getOrDefault(id, List.of()), asOf, deadLetters.getOrDefault(id, 0L))) {
                byKpi.put(v.definition().id(), v.value());
            }
            values.put(id, Collections.unmodifiableMap(byKpi));
        }
        Map<String, Map<String, Integer>> ranksByKpi = new HashMap<>();
        for (KpiDefinition d : RANKED) {
            Map<String, Number> column = new HashMap<>();
            values.forEach((client, byKpi) -> column.put(client, byKpi.get(d.id())));
            ranksByKpi.put(d.id(), Percentiles.ranks(column, d.id()));
        }
        for (String id : clients) {
            Map<String, Integer> byKpi = new LinkedHashMap<>();
            for (KpiDefinition d : RANKED) {
                byKpi.put(d.id(), ranksByKpi.get(d.id()).get(id));
            }
            ranks.put(id, Collections.unmodifiableMap(byKpi));
        }
    }

    /** The client's value of each KPI by id, in the catalogue's order (null: undefined or no row). */
    public Map<String, Number> values(String client) {
        return values.get(client);
    }

    /** The client's percentile rank on each {@link #RANKED} KPI by id, in that order (null: no value). */
    public Map<String, Integer> ranks(String client) {
        return ranks.get(client);
    }
}
