package cl.cobranza.core.kpi;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Where each client stands within the agency on one KPI: a percentile rank from 0 (worst) to 100 (best), where
 * "better" follows the KPI's direction ({@link #higherIsBetter}). Ties share the midpoint; a client alone
 * ranks 100; clients without a value get none.
 */
public final class Percentiles {
    /** KPIs where less is better: money and time owed, costs, rejected input. */
    private static final Set<String> LOWER_IS_BETTER = Set.of(KpiDefinitions.OVERDUE_RECEIVABLES,
            KpiDefinitions.WEIGHTED_DPD, KpiDefinitions.DSO_COUNTBACK, KpiDefinitions.DSO_STANDARD, KpiDefinitions.BPDSO,
            KpiDefinitions.ADD, KpiDefinitions.WEIGHTED_DPD_AT_CLOSE, KpiDefinitions.ACTION_COST,
            KpiDefinitions.COST_PER_INVOICE, KpiDefinitions.COST_TO_COLLECT, KpiDefinitions.DEAD_LETTERS);
    /** KPIs that describe size, not performance: ranked by value, largest = 100. */
    private static final Set<String> NEUTRAL = Set.of(KpiDefinitions.OPEN_RECEIVABLES, KpiDefinitions.AGING);

    private Percentiles() {
    }

    /** TRUE when a larger value is better, FALSE when a smaller one is, null when the KPI only measures size. */
    public static Boolean higherIsBetter(String kpiId) {
        if (NEUTRAL.contains(kpiId)) {
            return null;
        }
        return !LOWER_IS_BETTER.contains(kpiId);
    }

    /**
     * Percentile rank of every client with a value: 100 × (others strictly worse + ½ × others equal) / (others),
     * rounded to a whole number. Neutral KPIs rank larger values higher.
     */
    public static Map<String, Integer> ranks(Map<String, ? extends Number> valueByClient, String kpiId) {
        boolean higher = !Boolean.FALSE.equals(higherIsBetter(kpiId));
        Map<String, Double> values = new HashMap<>();
        valueByClient.forEach((client, v) -> {
            if (v != null && !Double.isNaN(v.doubleValue())) {
                values.put(client, v.doubleValue());
            }
        });
        Map<String, Integer> ranks = new HashMap<>();
        int others = values.size() - 1;
        for (Map.Entry<String, Double> me : values.entrySet()) {
            if (others == 0) {
                ranks.put(me.getKey(), 100);
                continue;
            }
            double worse = 0;
            for (Map.Entry<String, Double> other : values.entrySet()) {
                if (other.getKey().equals(me.getKey())) {
                    continue;
                }
                int cmp = Double.compare(other.getValue(), me.getValue());
                if (cmp == 0) {
                    worse += 0.5;
                } else if (higher ? cmp < 0 : cmp > 0) {
                    worse += 1;
                }
            }
            ranks.put(me.getKey(), (int) Math.round(100 * worse / others));
        }
        return ranks;
    }
}
