package cl.cobranza.streaming.receivables;

import cl.cobranza.core.collection.ClientTerms;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * Every client on the default terms with these aging edges (days past due), promise grace days, collector
     * cost per minute and agency fee (basis points): the settings {@code cobranza.kpi.*} of both run modes.
     */
    public static TermsBook uniform(List<Integer> agingEdges, int promiseGraceDays, int agentClpPerMinute, int agencyFeeBps) {
        ClientTerms d = ClientTerms.defaults();
        return new TermsBook(new ClientTerms(agingEdges, promiseGraceDays, d.unitCostClp(), agentClpPerMinute,
                agencyFeeBps), Map.of());
    }

    /** Parses aging edges written {@code 30,60,90,120}. */
    public static List<Integer> parseEdges(String edges) {
        List<Integer> list = new ArrayList<>();
        for (String edge : edges.split(",")) {
            list.add(Integer.parseInt(edge.trim()));
        }
        return list;
    }

    public ClientTerms of(String clientId) {
        return overrides.getOrDefault(clientId, defaults);
    }
}
