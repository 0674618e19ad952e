package cl.cobranza.core.events;

import java.time.LocalDate;

/** A payment applied to one invoice; {@code deleted} is true when it was deleted or reversed. */
public record PaymentChanged(String clientId, String paymentId, String invoiceId, LocalDate paidOn,
                             long amountClp, boolean deleted, long sourcePosition) implements CanonicalEvent {
}
