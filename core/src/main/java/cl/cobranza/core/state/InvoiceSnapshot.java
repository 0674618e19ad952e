package cl.cobranza.core.state;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The current state of one invoice, as written to the warehouse. {@code version} grows with every
 * change so that a {@code ReplacingMergeTree(version)} keeps the newest; {@code deleted} rows stay as
 * tombstones and are excluded by readers. {@code activity} is its collection work and money movements.
 */
public record InvoiceSnapshot(String clientId, String invoiceId, String debtorId, int dteType, long folio,
                              LocalDate issueDate, LocalDate dueDate, long totalClp, long creditedClp,
                              long paidClp, long openClp, boolean deleted, long version, Activity activity) {
    public InvoiceSnapshot {
        Objects.requireNonNull(activity, "activity (use Activity.NONE)");
    }

    /** A snapshot without activity ({@link Activity#NONE}): balances only. */
    public InvoiceSnapshot(String clientId, String invoiceId, String debtorId, int dteType, long folio,
                           LocalDate issueDate, LocalDate dueDate, long totalClp, long creditedClp,
                           long paidClp, long openClp, boolean deleted, long version) {
        this(clientId, invoiceId, debtorId, dteType, folio, issueDate, dueDate, totalClp, creditedClp, paidClp,
                openClp, deleted, version, Activity.NONE);
    }

    /** The same snapshot with another activity. */
    public InvoiceSnapshot withActivity(Activity other) {
        return new InvoiceSnapshot(clientId, invoiceId, debtorId, dteType, folio, issueDate, dueDate, totalClp,
                creditedClp, paidClp, openClp, deleted, version, other);
    }
}
