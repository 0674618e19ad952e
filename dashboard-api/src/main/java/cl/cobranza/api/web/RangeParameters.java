package cl.cobranza.api.web;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * {@code from}/{@code to} request parameters of series: days ({@code yyyy-MM-dd}) or months ({@code yyyy-MM}),
 * inclusive, from on or before to, at most {@value #MAX_YEARS} years long; any other request is a 400.
 */
public final class RangeParameters {
    /** The longest range one request may ask for. */
    public static final int MAX_YEARS = 3;
    /** Days shown when the request names no {@code from}: the DSO window. */
    public static final int DEFAULT_DAYS = 90;
    /** Months shown when the request names no {@code from}. */
    public static final int DEFAULT_MONTHS = 12;

    private RangeParameters() {
    }

    /** An inclusive range of days. */
    public record Days(LocalDate from, LocalDate to) {
    }

    /** An inclusive range of calendar months. */
    public record Months(YearMonth from, YearMonth to) {
    }

    /** Days from {@code from} to {@code to}; {@code to} defaults to today, {@code from} to the 90 days ending on {@code to}. */
    public static Days days(String from, String to, LocalDate today) {
        LocalDate end = DateParameter.parse("to", to, today);
        LocalDate start = DateParameter.parse("from", from, end.minusDays(DEFAULT_DAYS - 1L));
        if (start.isAfter(end)) {
            throw new BadRequestException("from", "from " + start + " is after to " + end
                    + ": from must be on or before to, e.g. from=" + end.minusDays(DEFAULT_DAYS - 1L) + "&to=" + end);
        }
        if (!end.isBefore(start.plusYears(MAX_YEARS))) {
            throw new BadRequestException("from", "from " + start + " to " + end + " is longer than " + MAX_YEARS
                    + " years: ask for at most " + MAX_YEARS + " years at a time, e.g. from="
                    + end.minusYears(MAX_YEARS).plusDays(1) + "&to=" + end);
        }
        return new Days(start, end);
    }

    /** Months from {@code from} to {@code to}; {@code to} defaults to this month, {@code from} to the 12 months ending on {@code to}. */
    public static Months months(String from, String to, LocalDate today) {
        YearMonth end = MonthParameter.parse("to", to, YearMonth.from(today));
        YearMonth start = MonthParameter.parse("from", from, end.minusMonths(DEFAULT_MONTHS - 1L));
        if (start.isAfter(end)) {
            throw new BadRequestException("from", "from " + start + " is after to " + end
                    + ": from must be on or before to, e.g. from=" + end.minusMonths(DEFAULT_MONTHS - 1L) + "&to=" + end);
        }
        if (!end.isBefore(start.plusYears(MAX_YEARS))) {
            throw new BadRequestException("from", "from " + start + " to " + end + " is longer than " + MAX_YEARS
                    + " years: ask for at most " + MAX_YEARS * 12 + " months at a time, e.g. from="
                    + end.minusYears(MAX_YEARS).plusMonths(1) + "&to=" + end);
        }
        return new Months(start, end);
    }
}
