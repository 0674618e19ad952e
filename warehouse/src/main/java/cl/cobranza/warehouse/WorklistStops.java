package cl.cobranza.warehouse;

import java.util.Set;

/**
 * Items the collection policy stops for reasons kept outside the warehouse, left off a worklist: debtors
 * served with a lawsuit or in insolvency, and invoices with an open dispute, as {@link #key} strings.
 */
public record WorklistStops(Set<String> debtors, Set<String> invoices) {
    /** Nothing stopped. */
    public static final WorklistStops NONE = new WorklistStops(Set.of(), Set.of());

    public WorklistStops {
        debtors = Set.copyOf(debtors);
        invoices = Set.copyOf(invoices);
    }

    /** The key of a debtor or an invoice of a client. */
    public static String key(String clientId, String id) {
        return clientId + '\u0000' + id;
    }
}
