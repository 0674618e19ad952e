package cl.cobranza.warehouse;

/** ClickHouse TabSeparated escaping: backslash, tab, newline, carriage return, NUL, backspace and form feed. */
final class Tsv {
    private Tsv() {
    }

    /** Appends {@code value} escaped as one TabSeparated field; null as the empty string (as JSONEachRow's null). */
    static void append(StringBuilder b, String value) {
        if (value == null) {
            return;
        }
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\0' -> b.append("\\0");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> b.append(c);
            }
        }
    }
}
