package cl.cobranza.core.events;

/**
 * A fact from a client's ERP in the platform's own terms, whatever the ERP's schema.
 * {@code sourcePosition} orders versions of the same row (the PostgreSQL LSN, or a binlog position):
 * a fact never overwrites a newer version of the same row, so duplicates and replays converge.
 */
public sealed interface CanonicalEvent permits DebtorChanged, InvoiceChanged, CreditNoteChanged, PaymentChanged,
        ActionRecorded, PromiseChanged {
    /** The pyme whose receivables these are. */
    String clientId();

    /** The source position of this version of the row; larger is newer. */
    long sourcePosition();

    /** True when the row was deleted (or, for a payment, reversed) at the source. */
    boolean deleted();

    /** The invoice this fact belongs to, or {@code null} for facts not tied to one invoice. */
    String invoiceId();
}
