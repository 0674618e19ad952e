package cl.cobranza.core.events;

import java.time.LocalDate;

/** An invoice (DTE 33/34, or a debit note 56) as it now stands at the source, or its deletion. */
public record InvoiceChanged(String clientId, String invoiceId, String debtorId, int dteType, long folio,
                             LocalDate issueDate, LocalDate dueDate, long totalClp, boolean deleted,
                             long sourcePosition) implements CanonicalEvent {
}
