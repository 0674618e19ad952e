package cl.cobranza.warehouse;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One debtor's live risk as the Flink job writes it to {@code debtor_risk}: the day its features were computed,
 * the model version, the debtor's part of the logit (intercept + debtor-feature points), the consumer flag, the
 * feature values by name, and the debtor-feature reasons, strongest first.
 */
public record DebtorRisk(String clientId, String debtorId, LocalDate asOf, String modelVersion, double debtorLogit,
                         boolean consumer, Map<String, Double> features, List<Reason> reasons, long version) {
    /** One reason: the feature, its Spanish text, and how far its points sit from the feature's average. */
    public record Reason(String feature, String text, double impact) {
    }

    public DebtorRisk {
        features = Map.copyOf(features);
        reasons = List.copyOf(reasons);
    }
}
