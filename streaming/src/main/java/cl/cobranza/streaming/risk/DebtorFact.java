package cl.cobranza.streaming.risk;

/**
 * What the risk operator hears about one debtor of one client: an invoice's encoded state (or its deletion),
 * or the debtor's RUT from its ERP (which sets the consumer flag).
 */
public record DebtorFact(String clientId, String debtorId, String invoiceId, byte[] invoiceState, boolean deleted,
                         String rut) {
    /** The operator's key: client and debtor. */
    public static String key(DebtorFact f) {
        return f.clientId() + '\u0000' + f.debtorId();
    }
}
