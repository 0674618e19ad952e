package cl.cobranza.warehouse;

import cl.cobranza.core.state.Activity;
import cl.cobranza.core.state.InvoiceSnapshot;

import java.time.LocalDate;

/** Test-data builder for invoice snapshots: {@code invoice("c1", "F-33-1001").due(MAR_10).total(100_000).build()}. */
public final class InvoiceBuilder {
    private final String clientId;
    private final String invoiceId;
    private String debtorId = "76.086.428-5";
    private int dteType = 33;
    private long folio = 1001;
    private LocalDate issueDate = LocalDate.of(2024, 1, 1);
    private LocalDate dueDate = LocalDate.of(2024, 1, 31);
    private long total = 100_000;
    private long credited;
    private long paid;
    private boolean deleted;
    private long version = 1;
    private Activity activity = Activity.NONE;

    private InvoiceBuilder(String clientId, String invoiceId) {
        this.clientId = clientId;
        this.invoiceId = invoiceId;
    }

    /** An invoice of {@code clientId}, 100.000 CLP, issued 2024-01-01, due 2024-01-31, version 1. */
    public static InvoiceBuilder invoice(String clientId, String invoiceId) {
        return new InvoiceBuilder(clientId, invoiceId);
    }

    public InvoiceBuilder debtor(String id) {
        this.debtorId = id;
        return this;
    }

    public InvoiceBuilder folio(long number) {
        this.folio = number;
        return this;
    }

    public InvoiceBuilder dteType(int type) {
        this.dteType = type;
        return this;
    }

    public InvoiceBuilder issued(LocalDate date) {
        this.issueDate = date;
        return this;
    }

    public InvoiceBuilder due(LocalDate date) {
        this.dueDate = date;
        return this;
    }

    public InvoiceBuilder total(long clp) {
        this.total = clp;
        return this;
    }

    public InvoiceBuilder credited(long clp) {
        this.credited = clp;
        return this;
    }

    public InvoiceBuilder paid(long clp) {
        this.paid = clp;
        return this;
    }

    public InvoiceBuilder voided() {
        this.deleted = true;
        return this;
    }

    public InvoiceBuilder version(long v) {
        this.version = v;
        return this;
    }

    /** Its collection activity (default: none). */
    public InvoiceBuilder activity(Activity a) {
        this.activity = a;
        return this;
    }

    /** The snapshot; open balance = total − credited − paid, never below 0. */
    public InvoiceSnapshot build() {
        long open = Math.max(0, total - credited - paid);
        return new InvoiceSnapshot(clientId, invoiceId, debtorId, dteType, folio, issueDate, dueDate, total, credited,
                paid, open, deleted, version, activity);
    }
}
