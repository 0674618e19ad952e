package cl.cobranza.core.normalize;

import cl.cobranza.core.events.CanonicalEvent;
import cl.cobranza.core.events.CreditNoteChanged;
import cl.cobranza.core.events.DebtorChanged;
import cl.cobranza.core.events.InvoiceChanged;
import cl.cobranza.core.events.PaymentChanged;
import cl.cobranza.core.rut.Rut;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Maps the demo ERP's tables ({@code customers}, {@code invoices}, {@code credit_notes}, {@code payments})
 * to canonical events. A credit note or payment moved to another invoice also retracts it from the old one.
 * Superseded by the {@code demo-erp} mapping profile, which gives the same answers (DemoErpProfileEquivalenceTest);
 * kept as that test's reference until it is deleted.
 */
public final class DemoErpNormalizer implements Normalizer {
    /** DTE types that are receivables: factura 33, factura exenta 34, nota de débito 56. */
    public static final Set<Integer> RECEIVABLE_DTE_TYPES = Set.of(33, 34, 56);

    @Override
    public List<CanonicalEvent> normalize(RawChange c) {
        if (c.op() != 'c' && c.op() != 'u' && c.op() != 'd' && c.op() != 'r') {
            throw new RejectedRowException("op", "unsupported change operation '" + c.op()
                    + "': expected c, u, d or r (truncate is not replayable; resnapshot the source instead)");
        }
        Map<String, Object> row = c.row();
        if (row == null) {
            throw new RejectedRowException(c.isDelete() ? "before" : "after",
                    "no row image: set REPLICA IDENTITY FULL on " + c.table());
        }
        if (c.table() == null) {
            throw new RejectedRowException("table", "the change names no table");
        }
        return switch (c.table()) {
            case "customers" -> List.of(debtor(c, row));
            case "invoices" -> List.of(invoice(c, row));
            case "credit_notes" -> withRetraction(c, creditNote(c, row, c.isDelete()), "invoice_id");
            case "payments" -> withRetraction(c, payment(c, row, c.isDelete()), "invoice_id");
            default -> throw new RejectedRowException("table", "table '" + c.table()
                    + "' is not mapped by the demo ERP profile: capture only customers, invoices, credit_notes, payments");
        };
    }

    private static DebtorChanged debtor(RawChange c, Map<String, Object> row) {
        String rutText = Fields.requireText(row, "rut");
        Rut rut;
        try {
            rut = Rut.parse(rutText);
        } catch (IllegalArgumentException e) {
            throw new RejectedRowException("rut", e.getMessage());
        }
        return new DebtorChanged(c.clientId(), Long.toString(Fields.requireLong(row, "id")), rut.compact(),
                Fields.requireText(row, "name"), c.isDelete(), c.position());
    }

    private static InvoiceChanged invoice(RawChange c, Map<String, Object> row) {
        String id = Long.toString(Fields.requireLong(row, "id"));
        int dte = Fields.requireInt(row, "dte_type");
        if (!RECEIVABLE_DTE_TYPES.contains(dte)) {
            throw new RejectedRowException("dte_type", "DTE type " + dte
                    + " is not a receivable: expected 33 (factura), 34 (factura exenta) or 56 (nota de débito)");
        }
        long folio = Fields.requireLong(row, "folio");
        if (folio <= 0) {
            throw new RejectedRowException("folio", "folio " + folio + " must be positive");
        }
        Object currency = row.get("currency");
        if (currency != null && !"CLP".equalsIgnoreCase(currency.toString().trim())) {
            throw new RejectedRowException("currency", "currency '" + currency
                    + "' has no conversion rate: only CLP invoices are accepted");
        }
        LocalDate issued = Fields.requireDate(row, "issue_date");
        LocalDate due = Fields.optionalDate(row, "due_date");
        if (due != null && due.isBefore(issued)) {
            throw new RejectedRowException("due_date", "due date " + due + " is before the issue date " + issued);
        }
        return new InvoiceChanged(c.clientId(), id, Long.toString(Fields.requireLong(row, "customer_id")), dte, folio,
                issued, due, Fields.requireClp(row, "total_clp"), c.isDelete(), c.position());
    }

    private static CreditNoteChanged creditNote(RawChange c, Map<String, Object> row, boolean deleted) {
        return new CreditNoteChanged(c.clientId(), Long.toString(Fields.requireLong(row, "id")),
                Long.toString(Fields.requireLong(row, "invoice_id")), Fields.requireDate(row, "issue_date"),
                Fields.requireClp(row, "amount_clp"), deleted, c.position());
    }

    private static PaymentChanged payment(RawChange c, Map<String, Object> row, boolean deleted) {
        return new PaymentChanged(c.clientId(), Long.toString(Fields.requireLong(row, "id")),
                Long.toString(Fields.requireLong(row, "invoice_id")), Fields.requireDate(row, "paid_on"),
                Fields.requireClp(row, "amount_clp"), deleted || Fields.optionalBoolean(row, "reversed"), c.position());
    }

    /** When an update moves the row to another invoice, the old invoice must forget it. */
    private static List<CanonicalEvent> withRetraction(RawChange c, CanonicalEvent current, String refField) {
        if (c.op() != 'u' || c.before() == null || c.before().get(refField) == null
                || Objects.equals(String.valueOf(c.before().get(refField)), String.valueOf(c.after().get(refField)))) {
            return List.of(current);
        }
        List<CanonicalEvent> events = new ArrayList<>(2);
        events.add(current instanceof CreditNoteChanged
                ? creditNote(c, c.before(), true) : payment(c, c.before(), true));
        events.add(current);
        return events;
    }
}
