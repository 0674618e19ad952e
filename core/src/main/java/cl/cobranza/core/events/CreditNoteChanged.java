package cl.cobranza.core.events;

import java.time.LocalDate;

/** A credit note (DTE 61) that reduces the balance of the invoice it references, or its deletion. */
public record CreditNoteChanged(String clientId, String creditNoteId, String invoiceId, LocalDate issueDate,
                                long amountClp, boolean deleted, long sourcePosition) implements CanonicalEvent {
}
