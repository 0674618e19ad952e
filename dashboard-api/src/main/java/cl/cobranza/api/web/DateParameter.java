package cl.cobranza.api.web;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * Business-date request parameters: ISO {@code yyyy-MM-dd}, strictly (no 2024-02-30), between {@link #FIRST} and
 * {@link #LAST} (the warehouse's Date range; nothing in receivables lies outside it).
 */
public final class DateParameter {
    /** The earliest date a request may name. */
    public static final LocalDate FIRST = LocalDate.of(1970, 1, 1);
    /** The latest date a request may name. */
    public static final LocalDate LAST = LocalDate.of(2105, 12, 31);
    private static final DateTimeFormatter ISO_STRICT = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

    private DateParameter() {
    }

    /** The parsed date, {@code fallback} when the parameter is absent or blank, or a 400 naming {@code field}. */
    public static LocalDate parse(String field, String value, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value.strip(), ISO_STRICT);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(field, "'" + value + "' is not a date: expected yyyy-MM-dd, e.g. 2024-03-31");
        }
        if (date.isBefore(FIRST) || date.isAfter(LAST)) {
            throw new BadRequestException(field, "'" + value + "' is out of range: dates go from " + FIRST + " to " + LAST);
        }
        return date;
    }
}
