package cl.cobranza.core.normalize.profile;

import cl.cobranza.core.events.CanonicalEvent;
import cl.cobranza.core.events.CreditNoteChanged;
import cl.cobranza.core.events.DebtorChanged;
import cl.cobranza.core.events.InvoiceChanged;
import cl.cobranza.core.events.PaymentChanged;
import cl.cobranza.core.normalize.Normalizer;
import cl.cobranza.core.normalize.RawChange;
import cl.cobranza.core.normalize.RejectedRowException;
import cl.cobranza.core.normalize.profile.RowMapping.Condition;
import cl.cobranza.core.normalize.profile.RowMapping.FieldMapping;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Maps a client ERP's row changes to canonical events as its {@link MappingProfile} says. A credit note or payment
 * moved to another invoice, and a row whose filter now selects another event (a document retyped from factura to
 * nota de crédito), also retract what the before-image produced. Serializable: it holds only the parsed profile.
 */
public final class ProfileNormalizer implements Normalizer {
    private static final long serialVersionUID = 1L;
    /** DTE types that are receivables: factura 33, factura exenta 34, nota de débito 56. */
    public static final Set<Integer> RECEIVABLE_DTE_TYPES = Set.of(33, 34, 56);

    private final MappingProfile profile;

    public ProfileNormalizer(MappingProfile profile) {
        this.profile = Objects.requireNonNull(profile, "profile");
    }

    /** A normaliser for {@link MappingProfile#load(String) the profile named or found at} {@code nameOrPath}. */
    public static ProfileNormalizer load(String nameOrPath) {
        return new ProfileNormalizer(MappingProfile.load(nameOrPath));
    }

    public MappingProfile profile() {
        return profile;
    }

    @Override
    public List<CanonicalEvent> normalize(RawChange c) {
        if (c.op() != 'c' && c.op() != 'u' && c.op() != 'd' && c.op() != 'r') {
            throw new RejectedRowException("op", "unsupported change operation '" + c.op()
                    + "': expected c, u, d or r (truncate is not replayable; resnapshot the source instead)");
        }
        if (c.table() != null && profile.ignoredTables().contains(c.table())) {
            return List.of();
        }
        Map<String, Object> row = c.row();
        if (row == null) {
            throw new RejectedRowException(c.isDelete() ? "before" : "after",
                    "no row image: set REPLICA IDENTITY FULL on " + c.table());
        }
        if (c.table() == null) {
            throw new RejectedRowException("table", "the change names no table");
        }
        List<RowMapping> mappings = profile.mappings(c.table());
        if (mappings == null) {
            Set<String> ignored = new TreeSet<>(profile.ignoredTables());
            throw new RejectedRowException("table", "table '" + c.table() + "' is not mapped by the " + profile.title()
                    + " profile: capture only " + String.join(", ", profile.tables()) + (ignored.isEmpty() ? ""
                    : " (" + String.join(", ", ignored) + (ignored.size() == 1 ? " is" : " are") + " read and ignored)"));
        }
        RowMapping mapping = route(c.table(), mappings, row);
        CanonicalEvent current = event(mapping, c, row, c.isDelete());
        CanonicalEvent retraction = retraction(c, mappings, mapping, current);
        return retraction == null ? List.of(current) : List.of(retraction, current);
    }

    /** The mapping whose {@code where} the row matches; a row that matches none is rejected, naming the filter column. */
    private static RowMapping route(String table, List<RowMapping> mappings, Map<String, Object> row) {
        if (mappings.size() == 1 && mappings.get(0).where() == null) {
            return mappings.get(0);
        }
        for (RowMapping m : mappings) {
            if (m.where().test(row, true)) {
                return m;
            }
        }
        Condition first = mappings.get(0).where();
        List<String> expected = new ArrayList<>();
        for (RowMapping m : mappings) {
            expected.add(String.join(", ", m.where().values()) + " (" + m.event().label() + ")");
        }
        Object value = row.get(first.column());
        throw new RejectedRowException(first.column(), "value '" + value + "' of " + first.column()
                + " matches no mapping of table " + table + ": expected " + String.join(" or ", expected)
                + "; add a mapping for it to the profile, or keep such rows out of the capture");
    }

    /**
     * The deletion of what the before-image produced, when an update moved the row to another event (its filter now
     * selects another mapping) or to another invoice; null when there is nothing to retract.
     */
    private static CanonicalEvent retraction(RawChange c, List<RowMapping> mappings, RowMapping mapping,
                                             CanonicalEvent current) {
        Map<String, Object> before = c.before();
        if (c.op() != 'u' || before == null) {
            return null;
        }
        RowMapping old = mapping;
        if (mapping.where() != null) {
            old = null;
            for (RowMapping m : mappings) {
                if (matchesQuietly(m.where(), before)) {
                    old = m;
                    break;
                }
            }
        }
        if (old == null) {
            return null; // the before-image produced no event (it was not one of the mapped rows)
        }
        if (old != mapping) {
            return event(old, c, before, true);
        }
        if (!mapping.event().referencesInvoice()) {
            return null;
        }
        FieldMapping ref = mapping.field("invoice_id");
        if (ref.column() != null && before.get(ref.column()) == null) {
            return null;
        }
        String oldInvoice = String.valueOf(ref.read(before, true));
        return oldInvoice.equals(current.invoiceId()) ? null : event(mapping, c, before, true);
    }

    private static boolean matchesQuietly(Condition where, Map<String, Object> row) {
        try {
            return where.test(row, false);
        } catch (RejectedRowException e) {
            return false;
        }
    }

    private static CanonicalEvent event(RowMapping m, RawChange c, Map<String, Object> row, boolean deleted) {
        return switch (m.event()) {
            case DEBTOR -> debtor(m, c, row, deleted);
            case INVOICE -> invoice(m, c, row, deleted);
            case CREDIT_NOTE -> creditNote(m, c, row, deleted);
            case PAYMENT -> payment(m, c, row, deleted);
        };
    }

    // Fields are read in a fixed order (ids, codes, dates, amounts), so a row with several faults is always blamed the same way.

    private static DebtorChanged debtor(RowMapping m, RawChange c, Map<String, Object> row, boolean deleted) {
        String rut = (String) m.field("rut").read(row, true);
        String id = id(m, row, "id");
        String name = (String) m.field("name").read(row, true);
        return new DebtorChanged(c.clientId(), id, rut, name, deleted || softDeleted(m, row), c.position());
    }

    private static InvoiceChanged invoice(RowMapping m, RawChange c, Map<String, Object> row, boolean deleted) {
        String id = id(m, row, "id");
        FieldMapping dteField = m.field("dte_type");
        int dte = (Integer) dteField.read(row, true);
        requireReceivable(dte, dteField.source());
        FieldMapping folioField = m.field("folio");
        long folio = (Long) folioField.read(row, true);
        if (folio <= 0) {
            throw new RejectedRowException(folioField.source(), "folio " + folio + " must be positive");
        }
        readOptional(m, row, "currency");
        LocalDate issued = (LocalDate) m.field("issue_date").read(row, true);
        FieldMapping dueField = m.field("due_date");
        LocalDate due = dueField == null ? null : (LocalDate) dueField.read(row, false);
        if (due != null && due.isBefore(issued)) {
            throw new RejectedRowException(dueField.source(), "due date " + due + " is before the issue date " + issued);
        }
        String debtor = id(m, row, "debtor_id");
        long total = (Long) m.field("total").read(row, true);
        return new InvoiceChanged(c.clientId(), id, debtor, dte, folio, issued, due, total,
                deleted || softDeleted(m, row), c.position());
    }

    private static CreditNoteChanged creditNote(RowMapping m, RawChange c, Map<String, Object> row, boolean deleted) {
        String id = id(m, row, "id");
        String invoice = id(m, row, "invoice_id");
        LocalDate issued = (LocalDate) m.field("issue_date").read(row, true);
        long amount = (Long) m.field("amount").read(row, true);
        readOptional(m, row, "currency");
        return new CreditNoteChanged(c.clientId(), id, invoice, issued, amount, deleted || softDeleted(m, row),
                c.position());
    }

    private static PaymentChanged payment(RowMapping m, RawChange c, Map<String, Object> row, boolean deleted) {
        String id = id(m, row, "id");
        String invoice = id(m, row, "invoice_id");
        LocalDate paidOn = (LocalDate) m.field("paid_on").read(row, true);
        long amount = (Long) m.field("amount").read(row, true);
        readOptional(m, row, "currency");
        return new PaymentChanged(c.clientId(), id, invoice, paidOn, amount, deleted || softDeleted(m, row),
                c.position());
    }

    /** Ids are text in canonical events: a whole number in its plain decimal form, or the trimmed text. */
    private static String id(RowMapping m, Map<String, Object> row, String field) {
        return m.field(field).read(row, true).toString();
    }

    /** Reads (and so validates) an optional field whose value the event does not keep, such as the currency. */
    private static void readOptional(RowMapping m, Map<String, Object> row, String field) {
        FieldMapping f = m.field(field);
        if (f != null) {
            f.read(row, false);
        }
    }

    /** The soft-delete condition is tested on every version, so an un-cancelled row comes back to life. */
    private static boolean softDeleted(RowMapping m, Map<String, Object> row) {
        return m.softDelete() != null && m.softDelete().test(row, false);
    }

    static void requireReceivable(int dte, String source) {
        if (!RECEIVABLE_DTE_TYPES.contains(dte)) {
            throw new RejectedRowException(source, "DTE type " + dte
                    + " is not a receivable: expected 33 (factura), 34 (factura exenta) or 56 (nota de débito)");
        }
    }
}
