package cl.cobranza.core.normalize;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Typed reads of raw row fields; each failure names the field and the fix. */
public final class Fields {
    private Fields() {
    }

    public static Object require(Map<String, Object> row, String field) {
        Object v = row == null ? null : row.get(field);
        if (v == null) {
            throw new RejectedRowException(field, "missing: the row has no value for " + field);
        }
        return v;
    }

    public static String requireText(Map<String, Object> row, String field) {
        String s = require(row, field).toString().trim();
        if (s.isEmpty()) {
            throw new RejectedRowException(field, "empty: the row has a blank " + field);
        }
        return s;
    }

    /** A whole-peso amount, from an integer or a decimal text/number with no fraction; never negative. */
    public static long requireClp(Map<String, Object> row, String field) {
        Object v = require(row, field);
        BigDecimal amount;
        try {
            amount = v instanceof Number n && !(v instanceof BigDecimal) && !(v instanceof Double)
                    && !(v instanceof Float) ? BigDecimal.valueOf(n.longValue()) : new BigDecimal(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new RejectedRowException(field, "not a number: '" + v + "'; expected whole CLP pesos");
        }
        if (amount.signum() < 0) {
            throw new RejectedRowException(field, "negative amount " + amount.toPlainString()
                    + ": amounts are positive; use a credit note (DTE 61) to reduce an invoice");
        }
        BigDecimal whole = amount.stripTrailingZeros();
        if (whole.scale() > 0) {
            throw new RejectedRowException(field, "amount " + amount.toPlainString()
                    + " has a fraction of a peso: CLP amounts are whole pesos");
        }
        try {
            return whole.longValueExact();
        } catch (ArithmeticException e) {
            throw new RejectedRowException(field, "amount " + amount.toPlainString()
                    + " is out of range: at most " + Long.MAX_VALUE + " pesos");
        }
    }

    public static long requireLong(Map<String, Object> row, String field) {
        Object v = require(row, field);
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new RejectedRowException(field, "not a whole number: '" + v + "'");
        }
    }

    /** A whole number that must fit an {@code int} (codes such as the DTE type). */
    public static int requireInt(Map<String, Object> row, String field) {
        long v = requireLong(row, field);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new RejectedRowException(field, "value " + v + " is out of range for " + field);
        }
        return (int) v;
    }

    public static LocalDate requireDate(Map<String, Object> row, String field) {
        LocalDate d = optionalDate(row, field);
        if (d == null) {
            throw new RejectedRowException(field, "missing: the row has no date for " + field);
        }
        return d;
    }

    /** A date from Debezium's epoch-day integer or an ISO {@code yyyy-MM-dd} text; null when absent. */
    public static LocalDate optionalDate(Map<String, Object> row, String field) {
        Object v = row == null ? null : row.get(field);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return LocalDate.ofEpochDay(n.longValue());
        }
        String s = v.toString().trim();
        try {
            return LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
        } catch (DateTimeParseException e) {
            throw new RejectedRowException(field, "not a date: '" + s + "'; expected yyyy-MM-dd");
        }
    }

    public static boolean optionalBoolean(Map<String, Object> row, String field) {
        Object v = row == null ? null : row.get(field);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = v.toString().trim().toLowerCase();
        return s.equals("true") || s.equals("t") || s.equals("1");
    }
}
