package cl.cobranza.streaming.receivables;

import cl.cobranza.core.collection.ClientTerms;

import java.io.Serializable;
import java.util.Map;

/** The {@link ClientTerms} of each client: one default and per-client overrides, shipped with the job. */
public record TermsBook(ClientTerms defaults, Map<String, ClientTerms> overrides) implements Serializable {
    public TermsBook {
        overrides = Map.copyOf(overrides);
    }

    /** Every client on the default terms. */
    public static TermsBook ofDefaults() {
        return new TermsBook(ClientTerms.defaults(), Map.of());
    }

    public ClientTerms of(String clientId) {
        return overrides.getOrDefault(clientId, defaults);
    }
}
