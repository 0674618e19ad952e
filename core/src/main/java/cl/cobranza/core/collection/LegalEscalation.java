package cl.cobranza.core.collection;

/**
 * Whether an item goes to court. The policy only ever proposes; {@code APPROVED} is a manager's decision that the
 * caller passes in, and only then is a {@link Channel#LEGAL_FILING} the next action.
 */
public enum LegalEscalation {
    /** Not a candidate for court. */
    NONE,
    /** Meets the thresholds: a manager should decide. */
    PROPOSED,
    /** A manager approved filing a lawsuit. */
    APPROVED
}
