package cl.cobranza.core.testkit;

import cl.cobranza.core.events.CreditNoteChanged;
import cl.cobranza.core.events.InvoiceChanged;
import cl.cobranza.core.events.PaymentChanged;

import java.time.LocalDate;

/**
 * Test-data builders for canonical events that read like the domain:
 * {@code invoice("1").issued(JAN_1).due(JAN_31).total(1_250_000).at(10)},
 * {@code payment("p1").of(400_000).on(FEB_10).to("1").at(11)}.
 * {@code at(position)} builds the event with that source position; builders are mutable, so a
 * builder can be reused for a newer version of the same row ({@code .total(900_000).at(20)}).
 */
public final class Facts {
    public static final String CLIENT = "pyme-1";
    public static final String DEBTOR = "7";

    private Facts() {
    }

    public static InvoiceBuilder invoice(String invoiceId) {
        return new InvoiceBuilder(invoiceId);
    }

    public static PaymentBuilder payment(String paymentId) {
        return new PaymentBuilder(paymentId);
    }

    public static CreditNoteBuilder creditNote(String creditNoteId) {
        return new CreditNoteBuilder(creditNoteId);
    }

    public static final class InvoiceBuilder {
        private final String invoiceId;
        private String debtorId = DEBTOR;
        private int dteType = 33;
        private long folio = 1001;
        private LocalDate issued = Days.JAN_1;
        private LocalDate due;
        private long total = 1_000_000;
        private boolean deleted;

        private InvoiceBuilder(String invoiceId) {
            this.invoiceId = invoiceId;
        }

        public InvoiceBuilder issued(LocalDate date) {
            this.issued = date;
            return this;
        }

        /** The ERP's due date; leave unset (or null) for "no FchVenc". */
        public InvoiceBuilder due(LocalDate date) {
            this.due = date;
            return this;
        }

        public InvoiceBuilder total(long clp) {
            this.total = clp;
            return this;
        }

        public InvoiceBuilder debtor(String id) {
            this.debtorId = id;
            return this;
        }

        public InvoiceBuilder dte(int type, long folioNumber) {
            this.dteType = type;
            this.folio = folioNumber;
            return this;
        }

        public InvoiceBuilder deleted() {
            this.deleted = true;
            return this;
        }

        public InvoiceBuilder live() {
            this.deleted = false;
            return this;
        }

        public InvoiceChanged at(long position) {
            return new InvoiceChanged(CLIENT, invoiceId, debtorId, dteType, folio, issued, due, total, deleted, position);
        }
    }

    public static final class PaymentBuilder {
        private final String paymentId;
        private String invoiceId = "1";
        private LocalDate paidOn = Days.FEB_10;
        private long amount;
        private boolean reversed;

        private PaymentBuilder(String paymentId) {
            this.paymentId = paymentId;
        }

        public PaymentBuilder of(long clp) {
            this.amount = clp;
            return this;
        }

        public PaymentBuilder on(LocalDate date) {
            this.paidOn = date;
            return this;
        }

        public PaymentBuilder to(String invoice) {
            this.invoiceId = invoice;
            return this;
        }

        /** Deleted or reversed at the source. */
        public PaymentBuilder reversed() {
            this.reversed = true;
            return this;
        }

        public PaymentBuilder standing() {
            this.reversed = false;
            return this;
        }

        public PaymentChanged at(long position) {
            return new PaymentChanged(CLIENT, paymentId, invoiceId, paidOn, amount, reversed, position);
        }
    }

    public static final class CreditNoteBuilder {
        private final String creditNoteId;
        private String invoiceId = "1";
        private LocalDate issued = Days.FEB_1;
        private long amount;
        private boolean deleted;

        private CreditNoteBuilder(String creditNoteId) {
            this.creditNoteId = creditNoteId;
        }

        public CreditNoteBuilder of(long clp) {
            this.amount = clp;
            return this;
        }

        public CreditNoteBuilder on(LocalDate date) {
            this.issued = date;
            return this;
        }

        public CreditNoteBuilder to(String invoice) {
            this.invoiceId = invoice;
            return this;
        }

        public CreditNoteBuilder deleted() {
            this.deleted = true;
            return this;
        }

        public CreditNoteBuilder standing() {
            this.deleted = false;
            return this;
        }

        public CreditNoteChanged at(long position) {
            return new CreditNoteChanged(CLIENT, creditNoteId, invoiceId, issued, amount, deleted, position);
        }
    }
}
