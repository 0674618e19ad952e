package cl.cobranza.core.events;

import java.time.LocalDate;

/** A debtor's promise to pay an amount on an invoice by a date, made on {@code madeOn}, or its deletion. */
public record PromiseChanged(String clientId, String promiseId, String invoiceId, LocalDate madeOn,
                             LocalDate promisedDate, long amountClp, boolean deleted, long sourcePosition)
        implements CanonicalEvent {
}
