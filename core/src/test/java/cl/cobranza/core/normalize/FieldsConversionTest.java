package cl.cobranza.core.normalize;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cl.cobranza.core.normalize.DateForm.DMY_DASH;
import static cl.cobranza.core.normalize.DateForm.DMY_SLASH;
import static cl.cobranza.core.normalize.DateForm.EPOCH_DAY;
import static cl.cobranza.core.normalize.DateForm.EPOCH_MICROS;
import static cl.cobranza.core.normalize.DateForm.EPOCH_MILLIS;
import static cl.cobranza.core.normalize.DateForm.ISO_DATE;
import static cl.cobranza.core.normalize.DateForm.ISO_TIMESTAMP;
import static cl.cobranza.core.testkit.Days.JAN_1;
import static cl.cobranza.core.testkit.Days.JAN_31;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The conversions mapping profiles use: amounts (rounding, es-CL text), dates in several forms, yes/no flags. */
class FieldsConversionTest {
    private static final ZoneId SANTIAGO = ZoneId.of("America/Santiago");
    private static final List<DateForm> ALL_TEXT = List.of(ISO_DATE, DMY_DASH, DMY_SLASH, ISO_TIMESTAMP);
    /** 2025-01-02 02:30 UTC = 2025-01-01 23:30 in Santiago (summer time, UTC−3): epoch day 20 090 × 86 400 000 + 2.5 h. */
    private static final long JAN_2_0230_UTC_MILLIS = 20_090L * 86_400_000L + 9_000_000L;
    /** 2025-07-01 03:30 UTC = 2025-06-30 23:30 in Santiago (winter, UTC−4): epoch day 20 270 × 86 400 000 + 3.5 h. */
    private static final long JUL_1_0330_UTC_MILLIS = 20_270L * 86_400_000L + 12_600_000L;

    private static Map<String, Object> row(Object v) {
        Map<String, Object> row = new HashMap<>();
        row.put("x", v);
        return row;
    }

    private static RejectedRowException rejection(Runnable r) {
        RejectedRowException e = catchThrowableOfType(RejectedRowException.class, r::run);
        assertThat(e).isNotNull();
        assertThat(e.field()).isEqualTo("x");
        return e;
    }

    // --- amounts

    @Test
    void wholeCentavosAreWholePesos() {
        assertThat(Fields.requireClp(row("1250000.00"), "x", false, false)).isEqualTo(1_250_000);
        assertThat(Fields.requireClp(row(new BigDecimal("1250000.00")), "x", false, false)).isEqualTo(1_250_000);
        assertThat(Fields.requireClp(row(1_250_000L), "x", false, false)).isEqualTo(1_250_000);
    }

    @Test
    void aFractionIsRejectedUnlessTheProfileRounds() {
        RejectedRowException e = rejection(() -> Fields.requireClp(row("1250000.50"), "x", false, false));
        assertThat(e.reason()).contains("1250000.50").contains("fraction of a peso");
        assertThat(Fields.requireClp(row("1250000.50"), "x", true, false)).isEqualTo(1_250_001);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"0.5, 1", "2.5, 3", "2.49, 2", "2.51, 3", "1250000.50, 1250001", "1250000.499, 1250000"})
    void halfUpRounding(String amount, long pesos) {
        assertThat(Fields.requireClp(row(amount), "x", true, false)).isEqualTo(pesos);
        assertThat(Fields.requireClp(row(new BigDecimal(amount)), "x", true, false)).isEqualTo(pesos);
    }

    @Test
    void roundingDoesNotRescueANegativeAmount() {
        assertThat(rejection(() -> Fields.requireClp(row("-0.4"), "x", true, false)).reason()).contains("negative");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = ';', value = {"1.234.567; 1234567", "$1.234.567; 1234567", "$ 1.234.567; 1234567",
            "1.234.567,00; 1234567", "1234567; 1234567", "999; 999", "1.000; 1000", "1234567,0; 1234567"})
    void chileanTextAmounts(String text, long pesos) {
        assertThat(Fields.requireClp(row(text), "x", false, true)).isEqualTo(pesos);
    }

    @Test
    void chileanTextWithCentavosIsRoundedOrRejectedLikeAnyAmount() {
        assertThat(Fields.requireClp(row("1.234.567,50"), "x", true, true)).isEqualTo(1_234_568);
        assertThat(rejection(() -> Fields.requireClp(row("1.234.567,50"), "x", false, true)).reason())
                .contains("1234567.50").contains("fraction of a peso");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.23.456", "1,234,567", "12.34", "1.234.567.00", "$", "uno", "1.234,567,8"})
    void chileanTextThatIsNotAnAmount(String text) {
        assertThat(rejection(() -> Fields.requireClp(row(text), "x", false, true)).reason())
                .contains("not a number").contains(text).contains("1.234.567");
    }

    @Test
    void chileanNegativeIsRejectedAsNegative() {
        assertThat(rejection(() -> Fields.requireClp(row("-$1.234"), "x", false, true)).reason())
                .contains("negative amount -1234");
        assertThat(rejection(() -> Fields.requireClp(row("$-1.234"), "x", false, true)).reason())
                .contains("negative amount -1234");
    }

    @Test
    void plainTextDoesNotReadChileanThousands() {
        // "1.234.567" is no plain decimal; "1.234" would be 1,234 pesos — with a fraction of a peso, so rejected
        assertThat(rejection(() -> Fields.requireClp(row("1.234.567"), "x", false, false)).reason()).contains("not a number");
        assertThat(rejection(() -> Fields.requireClp(row("1.234"), "x", false, false)).reason()).contains("fraction");
    }

    // --- dates

    @Test
    void epochDayIsHowDebeziumSendsADate() {
        assertThat(Fields.optionalDate(row(20_089), "x", List.of(EPOCH_DAY, ISO_DATE), SANTIAGO)).isEqualTo(JAN_1);
        assertThat(Fields.optionalDate(row(20_089L), "x", List.of(EPOCH_DAY), SANTIAGO)).isEqualTo(JAN_1);
    }

    @Test
    void epochMillisAndMicrosAreDatedInSantiago() {
        assertThat(Fields.optionalDate(row(JAN_2_0230_UTC_MILLIS), "x", List.of(EPOCH_MILLIS), SANTIAGO)).isEqualTo(JAN_1);
        assertThat(Fields.optionalDate(row(JAN_2_0230_UTC_MILLIS * 1000), "x", List.of(EPOCH_MICROS), SANTIAGO))
                .isEqualTo(JAN_1);
        assertThat(Fields.optionalDate(row(JUL_1_0330_UTC_MILLIS), "x", List.of(EPOCH_MILLIS), SANTIAGO))
                .isEqualTo(LocalDate.of(2025, 6, 30));
        assertThat(Fields.optionalDate(row(JAN_2_0230_UTC_MILLIS), "x", List.of(EPOCH_MILLIS), ZoneId.of("UTC")))
                .as("the zone is the profile's").isEqualTo(JAN_1.plusDays(1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "2025-01-31; 2025-01-31", "31-01-2025; 2025-01-31", "1-2-2025; 2025-02-01", "31/01/2025; 2025-01-31",
            "1/2/2025; 2025-02-01",
            "2025-01-02T02:30:00Z; 2025-01-01",          // an instant: 23:30 of Jan 1 in Santiago
            "2025-01-02 02:30:00+00; 2025-01-01",        // PostgreSQL's text for a timestamptz
            "2025-01-02T02:30:00.123456Z; 2025-01-01",   // Debezium's ZonedTimestamp
            "2025-01-02T02:30:00-03:00; 2025-01-02",     // already Santiago time
            "2025-01-02T02:30:00; 2025-01-02"})          // no offset: a local date-time, its own date
    void textForms(String text, LocalDate expected) {
        assertThat(Fields.optionalDate(row(text), "x", ALL_TEXT, SANTIAGO)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"31-02-2025", "2025-02-31", "2025.01.31", "31.01.2025", "enero 31", "2025-01-31T25:00:00Z"})
    void textThatIsNoDateNamesTheFormsTheProfileAccepts(String text) {
        assertThat(rejection(() -> Fields.optionalDate(row(text), "x", List.of(EPOCH_DAY, ISO_DATE, DMY_DASH), SANTIAGO))
                .reason()).contains("not a date").contains(text).contains("expected yyyy-MM-dd or dd-MM-yyyy");
    }

    @Test
    void aNumberIsADateOnlyWhenTheProfileSaysWhichNumber() {
        RejectedRowException e = rejection(() -> Fields.optionalDate(row(20_089), "x", List.of(DMY_SLASH), SANTIAGO));
        assertThat(e.reason()).contains("20089 is a number").contains("dd/MM/yyyy").contains("epoch-day");
    }

    @Test
    void anAbsentDateIsNullOrMissing() {
        assertThat(Fields.optionalDate(row(null), "x", List.of(EPOCH_DAY), SANTIAGO)).isNull();
        assertThat(rejection(() -> Fields.requireDate(row(null), "x", List.of(EPOCH_DAY), SANTIAGO)).reason())
                .contains("missing");
        assertThat(JAN_31).isEqualTo(Fields.requireDate(row("31-01-2025"), "x", List.of(DMY_DASH), SANTIAGO));
    }

    // --- flags

    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", "t", "1", "s", "S", "si", "Sí", "y", "yes"})
    void yes(String text) {
        assertThat(Fields.optionalFlag(row(text), "x")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "F", "0", "n", "No"})
    void no(String text) {
        assertThat(Fields.optionalFlag(row(text), "x")).isFalse();
    }

    @Test
    void flagsFromBooleansAndTinyInts() {
        assertThat(Fields.optionalFlag(row(Boolean.TRUE), "x")).isTrue();
        assertThat(Fields.optionalFlag(row((short) 1), "x")).isTrue();
        assertThat(Fields.optionalFlag(row(0L), "x")).isFalse();
        assertThat(Fields.optionalFlag(row(null), "x")).isFalse();
    }

    @Test
    void aFlagThatIsNeitherIsRejectedNotTakenAsNo() {
        assertThat(rejection(() -> Fields.optionalFlag(row("quizás"), "x")).reason()).contains("not a yes/no value");
        assertThat(rejection(() -> Fields.optionalFlag(row(2), "x")).reason()).contains("'2'");
    }

    @Test
    void textUpToTheLimitIsKeptAndLongerTextIsRejectedNamingItsLength() {
        assertThat(Fields.requireText(row("  " + "a".repeat(1_000) + " "), "x")).hasSize(1_000);
        RejectedRowException e = catchThrowableOfType(RejectedRowException.class,
                () -> Fields.requireText(row("a".repeat(1_001)), "x"));
        assertThat(e.field()).isEqualTo("x");
        assertThat(e.reason()).isEqualTo("too long: 1,001 characters, at most 1,000; fix the source row");
    }

    @Test
    void datesOutsideWhatTheWarehouseStoresAreRejectedInEveryForm() {
        assertThat(Fields.requireDate(row(0L), "x")).isEqualTo(LocalDate.of(1970, 1, 1));
        assertThat(Fields.requireDate(row("2105-12-31"), "x")).isEqualTo(LocalDate.of(2105, 12, 31));
        for (Object bad : List.of(99_999_999L, -1L, "1969-12-31", "2106-01-01")) {
            RejectedRowException e = catchThrowableOfType(RejectedRowException.class, () -> Fields.requireDate(row(bad), "x"));
            assertThat(e).as("%s", bad).isNotNull();
            assertThat(e.field()).isEqualTo("x");
            assertThat(e.reason()).as("%s", bad).startsWith("out of range: ").endsWith(" is not between 1970-01-01 and 2105-12-31; fix the date in the source row");
        }
        RejectedRowException millis = catchThrowableOfType(RejectedRowException.class,
                () -> Fields.requireDate(row(Long.MAX_VALUE), "x", List.of(ISO_DATE, EPOCH_MICROS), SANTIAGO));
        assertThat(millis.reason()).startsWith("out of range: +294247-")
                .endsWith(" is not between 1970-01-01 and 2105-12-31; fix the date in the source row");
        RejectedRowException text = catchThrowableOfType(RejectedRowException.class,
                () -> Fields.requireDate(row("01-01-1950"), "x", ALL_TEXT, SANTIAGO));
        assertThat(text.reason()).startsWith("out of range: 1950-01-01");
    }

    @Test
    void wholeNumbersBeyondALongAreRejectedNotWrapped() {
        assertThat(Fields.requireLong(row(new BigDecimal("42")), "x")).isEqualTo(42L);
        RejectedRowException e = catchThrowableOfType(RejectedRowException.class,
                () -> Fields.requireLong(row(new BigDecimal("1" + "0".repeat(39))), "x"));
        assertThat(e.reason()).isEqualTo("not a whole number in range: 1" + "0".repeat(39) + "; expected at most " + Long.MAX_VALUE);
        RejectedRowException clp = catchThrowableOfType(RejectedRowException.class,
                () -> Fields.requireClp(row(new BigDecimal("1" + "0".repeat(39))), "x"));
        assertThat(clp.reason()).startsWith("amount 1" + "0".repeat(39) + " is out of range");
    }
}
