package cl.cobranza.warehouse;

import cl.cobranza.core.collection.Channel;
import cl.cobranza.core.collection.Stage;

/**
 * What a worklist is narrowed to; each field null for "any": one client (which must also be in the caller's
 * scope), a stage, an aging bucket label ({@code current}, {@code 1-30}, …, {@code 121+}) and the channel of
 * the last action.
 */
public record WorklistFilter(String clientId, Stage stage, String bucket, Channel lastChannel) {
    /** No narrowing: every open item in scope. */
    public static final WorklistFilter ANY = new WorklistFilter(null, null, null, null);
}
