package cl.cobranza.core.state;

import java.time.LocalDate;

/**
 * The current state of one invoice, as written to the warehouse. {@code version} grows with every
 * change so that a {@code ReplacingMergeTree(version)} keeps the newest; {@code deleted} rows stay as
 * tombstones and are excluded by readers.
 */
public record InvoiceSnapshot(String clientId, String invoiceId, String debtorId, int dteType, long folio,
                              LocalDate issueDate, LocalDate dueDate, long totalClp, long creditedClp,
                              long paidClp, long openClp, boolean deleted, long version) {
}
