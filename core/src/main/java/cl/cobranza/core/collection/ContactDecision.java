package cl.cobranza.core.collection;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer of {@link ContactRules}: allowed, or blocked by a {@link ContactRules.Rule} with a Spanish reason for
 * the collector, the legal source, and the earliest instant the same action becomes allowed (null when never,
 * e.g. after a lawsuit).
 */
public record ContactDecision(boolean allowed, ContactRules.Rule rule, String reason, String source,
                              Instant earliestAllowed) {
    private static final ContactDecision ALLOWED = new ContactDecision(true, null, null, null, null);

    public ContactDecision {
        if (!allowed) {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(reason, "reason");
        }
    }

    public static ContactDecision allow() {
        return ALLOWED;
    }

    public static ContactDecision block(ContactRules.Rule rule, String reason, Instant earliestAllowed) {
        return new ContactDecision(false, rule, reason, rule.source(), earliestAllowed);
    }

    /** When the action becomes allowed; empty when allowed now or never. */
    public Optional<Instant> earliest() {
        return Optional.ofNullable(earliestAllowed);
    }
}
