package cl.cobranza.core.normalize;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Typed reads of raw row fields; each failure names the field and the fix. */
public final class Fields {
    /** Optional sign, optional {@code $}, digits grouped by dots in threes (or not grouped), optional comma fraction. */
    private static final Pattern CHILEAN_AMOUNT =
            Pattern.compile("(-)?\\s*\\$?\\s*(-)?\\s*(\\d{1,3}(?:\\.\\d{3})+|\\d+)(?:,(\\d+))?");
    private static final Set<String> TRUE_WORDS = Set.of("true", "t", "1", "s", "si", "sí", "y", "yes");
    private static final Set<String> FALSE_WORDS = Set.of("false", "f", "0", "n", "no");
    /**
     * The longest text a row field may hold: an id, folio, RUT, name, channel or outcome longer than this is
     * corrupt or hostile data (a debtor's legal name is under 200), and would bloat every table and page it reaches.
     */
    public static final int MAX_TEXT_CHARS = 1_000;
    /** The earliest date a row may carry: the warehouse's {@code Date} type starts here (ClickHouse). */
    public static final LocalDate MIN_DATE = LocalDate.of(1970, 1, 1);
    /** The latest date a row may carry: the warehouse's {@code Date} type ends in 2105 (ClickHouse). */
    public static final LocalDate MAX_DATE = LocalDate.of(2105, 12, 31);

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
        if (s.length() > MAX_TEXT_CHARS) {
            throw new RejectedRowException(field, String.format(java.util.Locale.ROOT,
                    "too long: %,d characters, at most %,d; fix the source row", s.length(), MAX_TEXT_CHARS));
        }
        return s;
    }

    /** A whole-peso amount, from an integer or a decimal text/number with no fraction; never negative. */
    public static long requireClp(Map<String, Object> row, String field) {
        return requireClp(row, field, false, false);
    }

    /**
     * A whole-peso amount; never negative. A fraction of a peso is rejected, or rounded half up when
     * {@code roundHalfUp}. Text is a plain decimal ({@code 1234567.00}), or with {@code chileanText} es-CL
     * ({@code $1.234.567}, {@code 1.234.567,50}: dots group thousands, a comma starts the fraction).
     */
    public static long requireClp(Map<String, Object> row, String field, boolean roundHalfUp, boolean chileanText) {
        Object v = require(row, field);
        BigDecimal amount;
        if (v instanceof Number n && !(v instanceof BigDecimal) && !(v instanceof Double) && !(v instanceof Float)) {
            amount = BigDecimal.valueOf(n.longValue());
        } else if (chileanText && !(v instanceof Number)) {
            amount = chileanAmount(field, v.toString());
        } else {
            try {
                amount = new BigDecimal(v.toString().trim());
            } catch (NumberFormatException e) {
                throw new RejectedRowException(field, "not a number: '" + v + "'; expected whole CLP pesos");
            }
        }
        if (amount.signum() < 0) {
            throw new RejectedRowException(field, "negative amount " + amount.toPlainString()
                    + ": amounts are positive; use a credit note (DTE 61) to reduce an invoice");
        }
        BigDecimal whole = amount.stripTrailingZeros();
        if (whole.scale() > 0) {
            if (!roundHalfUp) {
                throw new RejectedRowException(field, "amount " + amount.toPlainString()
                        + " has a fraction of a peso: CLP amounts are whole pesos");
            }
            whole = amount.setScale(0, RoundingMode.HALF_UP);
        }
        try {
            return whole.longValueExact();
        } catch (ArithmeticException e) {
            throw new RejectedRowException(field, "amount " + amount.toPlainString()
                    + " is out of range: at most " + Long.MAX_VALUE + " pesos");
        }
    }

    /** {@code $1.234.567,50} → 1234567.50; the sign may stand before or after the {@code $}. */
    private static BigDecimal chileanAmount(String field, String text) {
        Matcher m = CHILEAN_AMOUNT.matcher(text.replace('\u00a0', ' ').trim());
        if (!m.matches() || (m.group(1) != null && m.group(2) != null)) {
            throw new RejectedRowException(field, "not a number: '" + text
                    + "'; expected whole CLP pesos written as in Chile, e.g. 1.234.567 or $1.234.567");
        }
        String digits = m.group(3).replace(".", "") + (m.group(4) == null ? "" : "." + m.group(4));
        BigDecimal amount = new BigDecimal(digits);
        return m.group(1) != null || m.group(2) != null ? amount.negate() : amount;
    }

    public static long requireLong(Map<String, Object> row, String field) {
        Object v = require(row, field);
        if (v instanceof BigDecimal || v instanceof java.math.BigInteger) {
            try {
                return new BigDecimal(v.toString()).longValueExact();
            } catch (ArithmeticException e) {
                throw new RejectedRowException(field, "not a whole number in range: " + v + "; expected at most "
                        + Long.MAX_VALUE);
            }
        }
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
            return inRange(field, n.longValue() < MIN_DATE.toEpochDay() || n.longValue() > MAX_DATE.toEpochDay()
                    ? null : LocalDate.ofEpochDay(n.longValue()), v);
        }
        String s = v.toString().trim();
        try {
            return inRange(field, LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s), v);
        } catch (DateTimeParseException e) {
            throw new RejectedRowException(field, "not a date: '" + s + "'; expected yyyy-MM-dd");
        }
    }

    /**
     * A date in one of {@code forms}, tried in order (a number is read by the one numeric form in the list);
     * instants are taken as dates in {@code zone}; null when absent.
     */
    public static LocalDate optionalDate(Map<String, Object> row, String field, List<DateForm> forms, ZoneId zone) {
        Object v = row == null ? null : row.get(field);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            for (DateForm f : forms) {
                if (f.numeric()) {
                    LocalDate d;
                    try {
                        d = f.fromNumber(n.longValue(), zone);
                    } catch (java.time.DateTimeException | ArithmeticException e) {
                        d = null; // beyond any calendar: out of range
                    }
                    return inRange(field, d, v);
                }
            }
            throw new RejectedRowException(field, "not a date: " + v + " is a number; expected " + expected(forms)
                    + " (a number is a date only when the profile lists epoch-day, epoch-millis or epoch-micros)");
        }
        String s = v.toString().trim();
        for (DateForm f : forms) {
            LocalDate d = f.numeric() ? null : f.fromText(s, zone);
            if (d != null) {
                return inRange(field, d, v);
            }
        }
        throw new RejectedRowException(field, "not a date: '" + s + "'; expected " + expected(forms));
    }

    /** Like {@link #optionalDate(Map, String, List, ZoneId)}, but a missing date is rejected. */
    public static LocalDate requireDate(Map<String, Object> row, String field, List<DateForm> forms, ZoneId zone) {
        LocalDate d = optionalDate(row, field, forms, zone);
        if (d == null) {
            throw new RejectedRowException(field, "missing: the row has no date for " + field);
        }
        return d;
    }

    /** The date, or a rejection when it is null (unrepresentable) or outside {@link #MIN_DATE}..{@link #MAX_DATE}. */
    private static LocalDate inRange(String field, LocalDate d, Object raw) {
        if (d == null || d.isBefore(MIN_DATE) || d.isAfter(MAX_DATE)) {
            throw new RejectedRowException(field, "out of range: " + (d == null ? raw : d) + " is not between "
                    + MIN_DATE + " and " + MAX_DATE + "; fix the date in the source row");
        }
        return d;
    }

    /** The text forms, as the clerk would read them: {@code yyyy-MM-dd or dd-MM-yyyy}. */
    private static String expected(List<DateForm> forms) {
        List<String> text = forms.stream().filter(f -> !f.numeric()).map(DateForm::label).toList();
        return String.join(" or ", text.isEmpty() ? forms.stream().map(DateForm::label).toList() : text);
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

    /**
     * A yes/no column (a soft-delete or reversal flag): absent is false; {@code true/false}, {@code t/f},
     * {@code 1/0}, {@code s/n}, {@code si/no}, {@code yes/no} in any case; anything else is rejected.
     */
    public static boolean optionalFlag(Map<String, Object> row, String field) {
        Object v = row == null ? null : row.get(field);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = v.toString().trim().toLowerCase(Locale.ROOT);
        if (TRUE_WORDS.contains(s)) {
            return true;
        }
        if (FALSE_WORDS.contains(s)) {
            return false;
        }
        throw new RejectedRowException(field, "not a yes/no value: '" + v
                + "'; expected true or false (also t/f, 1/0, s/n, si/no)");
    }
}
