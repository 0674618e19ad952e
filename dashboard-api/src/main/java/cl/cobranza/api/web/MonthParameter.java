package cl.cobranza.api.web;

import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/** Calendar-month request parameters: {@code yyyy-MM}, strictly (no 2025-13). */
public final class MonthParameter {
    private static final DateTimeFormatter STRICT = DateTimeFormatter.ofPattern("uuuu-MM").withResolverStyle(ResolverStyle.STRICT);

    private MonthParameter() {
    }

    /** The parsed month, {@code fallback} when the parameter is absent or blank, or a 400 naming {@code field}. */
    public static YearMonth parse(String field, String value, YearMonth fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        YearMonth month;
        try {
            month = YearMonth.parse(value.strip(), STRICT);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(field, "'" + value + "' is not a month: expected yyyy-MM, e.g. 2024-03");
        }
        if (month.isBefore(YearMonth.from(DateParameter.FIRST)) || month.isAfter(YearMonth.from(DateParameter.LAST))) {
            throw new BadRequestException(field, "'" + value + "' is out of range: months go from "
                    + YearMonth.from(DateParameter.FIRST) + " to " + YearMonth.from(DateParameter.LAST));
        }
        return month;
    }
}
