package cl.cobranza.core.collection;

import java.util.Optional;

/**
 * What {@link CollectionPolicy} decided for an item: its stage (null when off the worklist), the stop reason (null
 * when it is worked), the legal escalation state, and the next action — or, when no channel is allowed now,
 * no action and the contact rule that blocks it with when it can be done.
 */
public record PolicyDecision(Stage stage, long daysPastDue, StopReason stop, LegalEscalation legal,
                             NextAction nextAction, ContactDecision blocked) {
    public Optional<Stage> stageIfAny() {
        return Optional.ofNullable(stage);
    }

    public Optional<StopReason> stopIfAny() {
        return Optional.ofNullable(stop);
    }

    public Optional<NextAction> action() {
        return Optional.ofNullable(nextAction);
    }
}
