package cl.cobranza.core.collection;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A client's terms that shape its KPIs: aging bucket edges, promise grace days, channel unit costs,
 * the agent's cost per minute and the agency's contingency fee (basis points of recoveries).
 */
public record ClientTerms(List<Integer> agingEdges, int promiseGraceDays, Map<Channel, Long> unitCostClp,
                          long agentClpPerMinute, int agencyFeeBps) implements Serializable {
    /** Days of the trailing window used by the daily DSO standard, BPDSO and ADD. */
    public static final int DSO_WINDOW_DAYS = 90;

    public ClientTerms {
        agingEdges = List.copyOf(agingEdges);
        for (int i = 0; i < agingEdges.size(); i++) {
            if (agingEdges.get(i) < 1 || (i > 0 && agingEdges.get(i) <= agingEdges.get(i - 1))) {
                throw new IllegalArgumentException("aging edges must be positive and increasing: " + agingEdges);
            }
        }
        if (promiseGraceDays < 0) {
            throw new IllegalArgumentException("promise grace days must be >= 0: " + promiseGraceDays);
        }
        if (agencyFeeBps < 0 || agencyFeeBps > 10_000) {
            throw new IllegalArgumentException("agency fee must be 0..10000 basis points: " + agencyFeeBps);
        }
        EnumMap<Channel, Long> costs = new EnumMap<>(Channel.class);
        for (Channel c : Channel.values()) {
            long cost = unitCostClp.getOrDefault(c, 0L);
            if (cost < 0) {
                throw new IllegalArgumentException("unit cost of " + c + " must be >= 0: " + cost);
            }
            costs.put(c, cost);
        }
        // an EnumMap keeps channel order, so toString() (the ledger's terms fingerprint) is the same in every JVM
        unitCostClp = java.util.Collections.unmodifiableMap(costs);
    }

    /** The defaults: edges 30/60/90/120, 3 grace days, 2026 market unit costs, 250 CLP/min agents, 15% fee. */
    public static ClientTerms defaults() {
        return new ClientTerms(List.of(30, 60, 90, 120), 3, Map.of(
                Channel.EMAIL, 15L, Channel.SMS, 30L, Channel.WHATSAPP, 40L, Channel.CALL, 120L,
                Channel.VISIT, 12_000L, Channel.LETTER, 1_500L, Channel.LEGAL_FILING, 180_000L), 250, 1_500);
    }

    /** Number of aging buckets: {@code current} plus one per edge plus the open-ended last one. */
    public int bucketCount() {
        return agingEdges.size() + 2;
    }

    /** Bucket labels: {@code current}, {@code 1-30}, …, {@code 121+}. */
    public List<String> bucketLabels() {
        String[] labels = new String[bucketCount()];
        labels[0] = "current";
        int lower = 1;
        for (int i = 0; i < agingEdges.size(); i++) {
            labels[i + 1] = lower + "-" + agingEdges.get(i);
            lower = agingEdges.get(i) + 1;
        }
        labels[labels.length - 1] = lower + "+";
        return List.of(labels);
    }

    /** The bucket of a days-past-due value: 0 for current, then by upper edge (inclusive). */
    public int bucketOf(long dpd) {
        if (dpd <= 0) {
            return 0;
        }
        for (int i = 0; i < agingEdges.size(); i++) {
            if (dpd <= agingEdges.get(i)) {
                return i + 1;
            }
        }
        return agingEdges.size() + 1;
    }

    /** The first DPD of a bucket (1 for the first overdue bucket). */
    public long bucketLowerDpd(int bucket) {
        if (bucket == 0) {
            return 0;
        }
        return bucket == 1 ? 1 : agingEdges.get(bucket - 2) + 1L;
    }

    /** Cost of one action: unit cost × units (minutes for calls, at least 1) + agent minutes × agent rate. */
    public long actionCostClp(Channel channel, int agentMinutes) {
        long units = channel == Channel.CALL ? Math.max(1, agentMinutes) : 1;
        return unitCostClp.get(channel) * units + (long) agentMinutes * agentClpPerMinute;
    }
}
