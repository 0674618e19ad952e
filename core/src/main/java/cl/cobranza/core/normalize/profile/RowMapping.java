package cl.cobranza.core.normalize.profile;

import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How the rows of one table (or, with {@code where}, some of its rows) become one kind of canonical event.
 * {@code where} and {@code softDelete} may be null; {@code fields} holds the mapped fields by canonical name.
 */
record RowMapping(String path, EventKind event, Condition where, Condition softDelete, Map<String, FieldMapping> fields)
        implements Serializable {

    FieldMapping field(String name) {
        return fields.get(name);
    }

    /** How one canonical field is read: from {@code column} with {@code converter}, or a load-time {@code constant}. */
    record FieldMapping(String field, String column, Converter converter, Object constant) implements Serializable {
        Object read(Map<String, Object> row, boolean required) {
            return column == null ? constant : converter.read(row, column, required);
        }

        /** The name a rejection blames: the source column, or the canonical field for a constant. */
        String source() {
            return column == null ? field : column;
        }
    }

    /** True when {@code column}, read with {@code converter}, holds one of {@code values} (compared as upper-case text). */
    record Condition(String column, Converter converter, Set<String> values) implements Serializable {
        /** A null column matches nothing; with {@code required} it is rejected as missing instead. */
        boolean test(Map<String, Object> row, boolean required) {
            Object v = converter.read(row, column, required);
            return v != null && values.contains(key(v));
        }

        static String key(Object v) {
            return v.toString().trim().toUpperCase(Locale.ROOT);
        }
    }
}
