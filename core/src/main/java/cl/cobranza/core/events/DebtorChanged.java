package cl.cobranza.core.events;

/** A debtor (the client's customer) with a validated RUT, or its deletion. */
public record DebtorChanged(String clientId, String debtorId, String rut, String name, boolean deleted,
                            long sourcePosition) implements CanonicalEvent {
    @Override
    public String invoiceId() {
        return null;
    }
}
