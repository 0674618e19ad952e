package cl.cobranza.core.ledger;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/** Sparse vectors by day (levels, flows, cohorts by placement day): what invoices add to a client's ledger. */
final class LedgerDelta {
    final int levelCount;
    final TreeMap<Long, long[]> levels = new TreeMap<>();
    final TreeMap<Long, long[]> flows = new TreeMap<>();
    /** Cohort sums by placement day (rows are per month, summed up to the as-of day). */
    final TreeMap<Long, long[]> cohorts = new TreeMap<>();

    LedgerDelta(int levelCount) {
        this.levelCount = levelCount;
    }

    void level(long day, int metric, long amount) {
        if (amount != 0) {
            levels.computeIfAbsent(day, d -> new long[levelCount])[metric] += amount;
        }
    }

    void flow(long day, int metric, long amount) {
        if (amount != 0) {
            flows.computeIfAbsent(day, d -> new long[Metrics.FLOW_COUNT])[metric] += amount;
        }
    }

    void cohort(long placementDay, int metric, long amount) {
        if (amount != 0) {
            cohorts.computeIfAbsent(placementDay, d -> new long[Metrics.COHORT_COUNT])[metric] += amount;
        }
    }

    /** Drops cells that cancelled out, so the remaining keys are exactly what changed. */
    void compact() {
        dropZeros(levels);
        dropZeros(flows);
        dropZeros(cohorts);
    }

    private static <K> void dropZeros(TreeMap<K, long[]> map) {
        for (Iterator<Map.Entry<K, long[]>> it = map.entrySet().iterator(); it.hasNext(); ) {
            if (isZero(it.next().getValue())) {
                it.remove();
            }
        }
    }

    static boolean isZero(long[] v) {
        for (long x : v) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /** Adds this delta into target maps (the ledger's), dropping cells that become zero. */
    static <K> void mergeInto(TreeMap<K, long[]> source, TreeMap<K, long[]> target) {
        for (Map.Entry<K, long[]> e : source.entrySet()) {
            long[] cell = target.get(e.getKey());
            if (cell == null) {
                target.put(e.getKey(), e.getValue().clone());
                continue;
            }
            long[] add = e.getValue();
            for (int i = 0; i < add.length; i++) {
                cell[i] += add[i];
            }
            if (isZero(cell)) {
                target.remove(e.getKey());
            }
        }
    }

    /** The first day whose daily row changes: any level, or a flow shown in daily rows. */
    Long firstDailyDay() {
        Long first = levels.isEmpty() ? null : levels.firstKey();
        for (Map.Entry<Long, long[]> e : flows.entrySet()) {
            if (first != null && e.getKey() >= first) {
                break;
            }
            long[] v = e.getValue();
            for (int i = 0; i < Metrics.DAILY_FLOWS; i++) {
                if (v[i] != 0) {
                    return e.getKey();
                }
            }
        }
        return first;
    }

    /** The first day whose monthly row changes. */
    Long firstMonthlyDay() {
        return earliest(levels.isEmpty() ? null : levels.firstKey(), flows.isEmpty() ? null : flows.firstKey());
    }

    /** The smaller of two optional days (null when both are absent); boxed on purpose, never unboxing a null. */
    static Long earliest(Long a, Long b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return Math.min(a, b);
    }
}
