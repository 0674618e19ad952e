package cl.cobranza.core.normalize.profile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The canonical event a mapped table produces, with the fields a profile maps for it and the converters each takes. */
enum EventKind {
    DEBTOR("debtor",
            spec("id", true, "integer", "text"),
            spec("rut", true, "rut", "rut-split"),
            spec("name", true, "text")),
    INVOICE("invoice",
            spec("id", true, "integer", "text"),
            spec("debtor_id", true, "integer", "text"),
            spec("dte_type", true, "dte"),
            spec("folio", true, "integer"),
            spec("issue_date", true, "date"),
            spec("due_date", false, "date"),
            spec("total", true, "clp"),
            spec("currency", false, "currency")),
    CREDIT_NOTE("credit-note",
            spec("id", true, "integer", "text"),
            spec("invoice_id", true, "integer", "text"),
            spec("issue_date", true, "date"),
            spec("amount", true, "clp"),
            spec("currency", false, "currency")),
    PAYMENT("payment",
            spec("id", true, "integer", "text"),
            spec("invoice_id", true, "integer", "text"),
            spec("paid_on", true, "date"),
            spec("amount", true, "clp"),
            spec("currency", false, "currency"));

    /** Fields that may be a {@code constant:} rather than a column. */
    static final List<String> CONSTANT_FIELDS = List.of("dte_type", "currency");

    private final String label;
    private final Map<String, FieldSpec> fields = new LinkedHashMap<>();

    EventKind(String label, FieldSpec... specs) {
        this.label = label;
        for (FieldSpec s : specs) {
            fields.put(s.name(), s);
        }
    }

    String label() {
        return label;
    }

    Map<String, FieldSpec> fields() {
        return fields;
    }

    /** True for the events that reference an invoice through {@code invoice_id}, and so can move to another one. */
    boolean referencesInvoice() {
        return this == CREDIT_NOTE || this == PAYMENT;
    }

    static EventKind byLabel(String label) {
        for (EventKind k : values()) {
            if (k.label.equals(label)) {
                return k;
            }
        }
        return null;
    }

    private static FieldSpec spec(String name, boolean required, String... converters) {
        return new FieldSpec(name, required, List.of(converters));
    }

    /** One canonical field: required or not, and the converters it accepts (the first is its default). */
    record FieldSpec(String name, boolean required, List<String> converters) {
    }
}
