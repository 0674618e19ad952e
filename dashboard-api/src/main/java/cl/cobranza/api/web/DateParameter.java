package cl.cobranza.api.web;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/** Business-date request parameters: ISO {@code yyyy-MM-dd}, strictly (no 2024-02-30). */
public final class DateParameter {
    private static final DateTimeFormatter ISO_STRICT = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

    private DateParameter() {
    }

    /** The parsed date, {@code fallback} when the parameter is absent or blank, or a 400 naming {@code field}. */
    public static LocalDate parse(String field, String value, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value.strip(), ISO_STRICT);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(field, "'" + value + "' is not a date: expected yyyy-MM-dd, e.g. 2024-03-31");
        }
    }
}
