package cl.cobranza.core.normalize;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;

/** One way a source column can hold a business date; a mapping profile lists the forms each date column may take. */
public enum DateForm {
    /** Days since 1970-01-01: how Debezium sends a DATE column. */
    EPOCH_DAY("epoch-day"),
    /** Milliseconds since the epoch (Debezium's DATETIME / TIMESTAMP(0-3)), as the date in the profile's zone. */
    EPOCH_MILLIS("epoch-millis"),
    /** Microseconds since the epoch (Debezium's PostgreSQL TIMESTAMP), as the date in the profile's zone. */
    EPOCH_MICROS("epoch-micros"),
    /** ISO text {@code 2025-01-31}. */
    ISO_DATE("yyyy-MM-dd"),
    /** Chilean text {@code 31-01-2025} (one-digit day and month accepted). */
    DMY_DASH("dd-MM-yyyy"),
    /** Chilean text {@code 31/01/2025} (one-digit day and month accepted). */
    DMY_SLASH("dd/MM/yyyy"),
    /**
     * ISO date-time text, {@code T} or a space between date and time: with an offset ({@code Z}, {@code +00},
     * {@code -03:00}) it is moved to the profile's zone before taking the date; without one it is already local.
     */
    ISO_TIMESTAMP("iso-timestamp");

    private static final DateTimeFormatter DMY_DASH_FORMAT =
            DateTimeFormatter.ofPattern("d-M-uuuu").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DMY_SLASH_FORMAT =
            DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter TIMESTAMP_FORMAT = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:mm", "Z").optionalEnd()
            .toFormatter().withResolverStyle(ResolverStyle.STRICT);

    private final String label;

    DateForm(String label) {
        this.label = label;
    }

    /** The name a mapping profile uses for this form. */
    public String label() {
        return label;
    }

    /** True for the forms read from a number rather than from text. */
    public boolean numeric() {
        return this == EPOCH_DAY || this == EPOCH_MILLIS || this == EPOCH_MICROS;
    }

    /** The form a profile names {@code label}, or null. */
    public static DateForm byLabel(String label) {
        for (DateForm f : values()) {
            if (f.label.equals(label)) {
                return f;
            }
        }
        return null;
    }

    LocalDate fromNumber(long n, ZoneId zone) {
        return switch (this) {
            case EPOCH_DAY -> LocalDate.ofEpochDay(n);
            case EPOCH_MILLIS -> Instant.ofEpochMilli(n).atZone(zone).toLocalDate();
            case EPOCH_MICROS -> Instant.EPOCH.plus(n, ChronoUnit.MICROS).atZone(zone).toLocalDate();
            default -> throw new IllegalStateException(label + " is not read from a number");
        };
    }

    /** The date in {@code s}, or null when {@code s} is not in this form. */
    LocalDate fromText(String s, ZoneId zone) {
        try {
            return switch (this) {
                case ISO_DATE -> LocalDate.parse(s, DateTimeFormatter.ISO_LOCAL_DATE);
                case DMY_DASH -> LocalDate.parse(s, DMY_DASH_FORMAT);
                case DMY_SLASH -> LocalDate.parse(s, DMY_SLASH_FORMAT);
                case ISO_TIMESTAMP -> timestamp(s.length() > 10 && s.charAt(10) == ' '
                        ? s.substring(0, 10) + 'T' + s.substring(11) : s, zone);
                default -> null;
            };
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static LocalDate timestamp(String s, ZoneId zone) {
        TemporalAccessor t = TIMESTAMP_FORMAT.parseBest(s, OffsetDateTime::from, LocalDateTime::from);
        return t instanceof OffsetDateTime o ? o.atZoneSameInstant(zone).toLocalDate() : ((LocalDateTime) t).toLocalDate();
    }
}
