package cl.cobranza.core.risk;

import java.util.List;

/**
 * The model's answer for one overdue item: the probability that it is paid within the horizon, the expected
 * recovery (the worklist priority) and the reasons, largest effect first.
 *
 * @param probability         P(the item's open balance is fully paid within the model's horizon)
 * @param expectedRecoveryClp round(probability × open balance)
 * @param reasons             every feature's reason, ordered by |impact|, largest first
 */
public record RiskScore(double probability, long expectedRecoveryClp, List<Reason> reasons) {
    /**
     * One feature's reason: its value in Spanish and its impact, the feature's points minus their population
     * average (negative: lowers the probability compared with a typical item).
     */
    public record Reason(RiskFeature feature, String text, double impact) {
    }

    public RiskScore {
        reasons = List.copyOf(reasons);
    }

    /** The {@code n} reasons with the largest effect, either way. */
    public List<Reason> topReasons(int n) {
        return reasons.subList(0, Math.min(n, reasons.size()));
    }

    /** The {@code n} reasons that lower the probability most, most lowering first. */
    public List<Reason> loweringReasons(int n) {
        return reasons.stream().filter(r -> r.impact() < 0)
                .sorted((a, b) -> Double.compare(a.impact(), b.impact())).limit(n).toList();
    }
}
