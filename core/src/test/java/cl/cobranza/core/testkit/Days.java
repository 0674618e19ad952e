package cl.cobranza.core.testkit;

import java.time.LocalDate;

/** Named business dates for tests, so cases read like a calendar rather than like arithmetic. 2025 is not a leap year. */
public final class Days {
    public static final LocalDate DEC_31_2024 = LocalDate.of(2024, 12, 31);
    public static final LocalDate JAN_1 = LocalDate.of(2025, 1, 1);
    public static final LocalDate JAN_15 = LocalDate.of(2025, 1, 15);
    public static final LocalDate JAN_20 = LocalDate.of(2025, 1, 20);
    public static final LocalDate JAN_25 = LocalDate.of(2025, 1, 25);
    public static final LocalDate JAN_31 = LocalDate.of(2025, 1, 31);
    public static final LocalDate FEB_1 = LocalDate.of(2025, 2, 1);
    public static final LocalDate FEB_9 = LocalDate.of(2025, 2, 9);
    public static final LocalDate FEB_10 = LocalDate.of(2025, 2, 10);
    public static final LocalDate FEB_14 = LocalDate.of(2025, 2, 14);
    public static final LocalDate FEB_15 = LocalDate.of(2025, 2, 15);
    public static final LocalDate FEB_16 = LocalDate.of(2025, 2, 16);
    public static final LocalDate FEB_28 = LocalDate.of(2025, 2, 28);
    public static final LocalDate MAR_1 = LocalDate.of(2025, 3, 1);
    public static final LocalDate MAR_2 = LocalDate.of(2025, 3, 2);
    public static final LocalDate MAR_31 = LocalDate.of(2025, 3, 31);

    /**
     * Epoch day of {@link #JAN_1}, as Debezium sends a DATE column: 55 years from 1970 × 365 = 20 075,
     * plus 14 leap days (1972, 1976, …, 2024) = 20 089.
     */
    public static final int JAN_1_EPOCH_DAY = 20_089;

    private Days() {
    }
}
