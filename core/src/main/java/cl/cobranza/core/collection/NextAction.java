package cl.cobranza.core.collection;

/**
 * The action {@link CollectionPolicy} suggests now: a channel and a short Spanish instruction. When the channel the
 * sequence calls for is blocked by the contact rules, {@code natural} is that channel and {@code naturalBlocked}
 * says why (the instruction says it too); otherwise {@code natural} equals {@code channel} and the block is null.
 */
public record NextAction(Channel channel, String instruction, Channel natural, ContactDecision naturalBlocked) {
    /** Whether this is a fallback for a blocked channel. */
    public boolean isFallback() {
        return naturalBlocked != null;
    }
}
