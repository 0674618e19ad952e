package cl.cobranza.core.collection;

import cl.cobranza.core.rut.Rut;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;

import static cl.cobranza.core.collection.Channel.CALL;
import static cl.cobranza.core.collection.Channel.EMAIL;
import static cl.cobranza.core.collection.Channel.LEGAL_FILING;
import static cl.cobranza.core.collection.Channel.LETTER;
import static cl.cobranza.core.collection.Channel.SMS;
import static cl.cobranza.core.collection.Channel.VISIT;
import static cl.cobranza.core.collection.Channel.WHATSAPP;
import static cl.cobranza.core.collection.ContactRules.Rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The consumer contact rules at every edge. December 2026 in Santiago is UTC-3: Mon 30-11, Tue 01-12, …, Sat 05-12,
 * Sun 06-12, Mon 07-12, Tue 08-12 (Inmaculada Concepción, a holiday), Wed 09-12.
 */
class ContactRulesTest {
    private static final ContactRules RULES = ContactRules.chile();
    private static final DebtorStatus CONSUMER = DebtorStatus.aConsumer();
    private static final List<PastContact> NONE = List.of();

    private static Instant local(int month, int day, int hour, int minute) {
        return ZonedDateTime.of(2026, month, day, hour, minute, 0, 0, ContactRules.SANTIAGO).toInstant();
    }

    private static Instant dec(int day, int hour, int minute) {
        return local(12, day, hour, minute);
    }

    private static ContactDecision check(Channel channel, Instant at, PastContact... history) {
        return RULES.check(channel, at, CONSUMER, List.of(history));
    }

    @Test
    void hoursAreEightUpToButNotIncludingTwenty() {
        ContactDecision early = check(CALL, dec(1, 7, 59));
        assertThat(early.allowed()).isFalse();
        assertThat(early.rule()).isEqualTo(Rule.OUTSIDE_HOURS);
        assertThat(early.earliestAllowed()).isEqualTo(dec(1, 8, 0));
        assertThat(early.reason()).startsWith("Fuera del horario permitido (son las 07:59 del 01-12-2026)");
        assertThat(early.source()).isEqualTo("Ley 19.496 art. 37, modificada por Ley 21.320");
        assertThat(check(CALL, dec(1, 8, 0)).allowed()).isTrue();
        assertThat(check(CALL, dec(1, 19, 59)).allowed()).isTrue();
        assertThat(check(CALL, dec(1, 20, 0).minusSeconds(1)).allowed()).as("19:59:59").isTrue();
        ContactDecision late = check(CALL, dec(1, 20, 0));
        assertThat(late.rule()).isEqualTo(Rule.OUTSIDE_HOURS);
        assertThat(late.earliestAllowed()).isEqualTo(dec(2, 8, 0));
    }

    @Test
    void saturdayIsAllowedSundayIsNot() {
        assertThat(check(SMS, dec(5, 10, 0)).allowed()).isTrue();
        assertThat(check(CALL, dec(5, 20, 0)).earliestAllowed()).as("Saturday night: Monday morning").isEqualTo(dec(7, 8, 0));
        ContactDecision sunday = check(EMAIL, dec(6, 10, 0));
        assertThat(sunday.rule()).isEqualTo(Rule.SUNDAY);
        assertThat(sunday.reason()).startsWith("Hoy es domingo (06-12-2026)");
        assertThat(sunday.earliestAllowed()).isEqualTo(dec(7, 8, 0));
    }

    @Test
    void aHolidayIsBlockedTheDayBeforeIsNot() {
        assertThat(check(CALL, dec(7, 19, 0)).allowed()).as("Monday before the holiday").isTrue();
        ContactDecision holiday = check(CALL, dec(8, 10, 0));
        assertThat(holiday.rule()).isEqualTo(Rule.HOLIDAY);
        assertThat(holiday.reason()).contains("08-12-2026 es feriado (Inmaculada Concepción)");
        assertThat(holiday.earliestAllowed()).isEqualTo(dec(9, 8, 0));
    }

    @Test
    void oneCallOrVisitInARollingWeekOfLocalDays() {
        PastContact call = new PastContact(dec(2, 10, 0), CALL, Outcome.NO_ANSWER);
        ContactDecision almost = check(CALL, dec(9, 9, 0), call);
        assertThat(almost.rule()).as("6 days 23 hours after").isEqualTo(Rule.CALL_OR_VISIT_PER_WEEK);
        assertThat(almost.earliestAllowed()).isEqualTo(dec(9, 10, 0));
        assertThat(check(CALL, dec(9, 10, 0), call).allowed()).as("7 days after").isTrue();
        assertThat(check(VISIT, dec(4, 10, 0), call).rule()).as("a call also uses the week's visit").isEqualTo(Rule.CALL_OR_VISIT_PER_WEEK);
        assertThat(check(EMAIL, dec(2, 11, 0), call).allowed()).as("a call does not count against messages").isTrue();
    }

    @Test
    void theReasonSaysWhenTheLawsWeekEndsAndWhenTheHolidayLetsItHappen() {
        ContactDecision d = check(CALL, dec(3, 11, 0), new PastContact(dec(1, 10, 0), CALL));
        assertThat(d.reason()).isEqualTo("Ya se llamó al deudor el 01-12-2026; la ley permite una llamada o visita por "
                + "semana (hasta el 08-12-2026 a las 10:00); el primer momento permitido es el 09-12-2026 a las 08:00");
        assertThat(d.earliestAllowed()).as("08-12 is a holiday").isEqualTo(dec(9, 8, 0));
        assertThat(check(CALL, dec(3, 11, 0), new PastContact(dec(1, 10, 0), VISIT)).reason()).startsWith("Ya se visitó");
    }

    @Test
    void messagesAtLeastTwoCalendarDaysApart() {
        PastContact email = new PastContact(dec(1, 19, 0), EMAIL);
        ContactDecision nextDay = check(SMS, dec(2, 8, 0), email);
        assertThat(nextDay.rule()).isEqualTo(Rule.MESSAGES_TWO_DAYS_APART);
        assertThat(nextDay.reason()).isEqualTo("Ya se envió un mensaje al deudor el 01-12-2026 (correo); la ley exige "
                + "al menos dos días entre mensajes (desde el 03-12-2026); el primer momento permitido es el 03-12-2026 a las 08:00");
        assertThat(nextDay.earliestAllowed()).isEqualTo(dec(3, 8, 0));
        assertThat(check(WHATSAPP, dec(3, 8, 0), email).allowed()).as("two dates later, 13 hours later").isTrue();
        assertThat(check(LETTER, dec(1, 19, 30), email).rule()).as("same day").isEqualTo(Rule.MESSAGES_TWO_DAYS_APART);
    }

    @Test
    void theThirdMessageInAWeekIsBlocked() {
        PastContact first = new PastContact(local(11, 30, 10, 0), EMAIL);
        PastContact second = new PastContact(dec(2, 10, 0), SMS);
        ContactDecision third = check(WHATSAPP, dec(4, 10, 0), first, second);
        assertThat(third.rule()).isEqualTo(Rule.MESSAGES_PER_WEEK);
        assertThat(third.reason()).startsWith("Ya se enviaron 2 mensajes al deudor en los últimos 7 días (el 30-11-2026 "
                + "y el 02-12-2026); la ley permite dos por semana (hasta el 07-12-2026 a las 10:00)");
        assertThat(third.earliestAllowed()).isEqualTo(dec(7, 10, 0));
        assertThat(check(WHATSAPP, dec(7, 10, 0), first, second).allowed()).isTrue();
        assertThat(check(WHATSAPP, dec(7, 9, 59), first, second).allowed()).isFalse();
    }

    @Test
    void hoursFollowSantiagosDaylightSavingChanges() {
        // 2026-04-05 03:00Z Santiago goes from UTC-3 to UTC-4; on Monday 06-04 08:00 local is 12:00Z
        assertThat(RULES.check(CALL, Instant.parse("2026-04-06T11:59:00Z"), CONSUMER, NONE).rule()).isEqualTo(Rule.OUTSIDE_HOURS);
        assertThat(RULES.check(CALL, Instant.parse("2026-04-06T12:00:00Z"), CONSUMER, NONE).allowed()).isTrue();
        // 2026-09-06 04:00Z it goes back to UTC-3; on Monday 07-09 08:00 local is 11:00Z
        assertThat(RULES.check(CALL, Instant.parse("2026-09-07T10:59:00Z"), CONSUMER, NONE).rule()).isEqualTo(Rule.OUTSIDE_HOURS);
        assertThat(RULES.check(CALL, Instant.parse("2026-09-07T11:00:00Z"), CONSUMER, NONE).allowed()).isTrue();
    }

    @Test
    void theWeekIsSevenLocalDaysAcrossADaylightSavingChange() {
        // a call on Saturday 05-09 at 10:00 (UTC-4, 14:00Z); a week later, Saturday 12-09 at 10:00, is UTC-3 (13:00Z)
        List<PastContact> call = List.of(new PastContact(Instant.parse("2026-09-05T14:00:00Z"), CALL));
        ContactDecision before = RULES.check(CALL, Instant.parse("2026-09-12T12:59:00Z"), CONSUMER, call);
        assertThat(before.rule()).isEqualTo(Rule.CALL_OR_VISIT_PER_WEEK);
        assertThat(before.earliestAllowed()).isEqualTo(Instant.parse("2026-09-12T13:00:00Z"));
        assertThat(RULES.check(CALL, Instant.parse("2026-09-12T13:00:00Z"), CONSUMER, call).allowed())
                .as("6 days 23 hours of elapsed time, 7 local days").isTrue();
    }

    @Test
    void aLawsuitOrInsolvencyStopsEveryDebtor() {
        DebtorStatus sued = CONSUMER.withLawsuitServedOn(LocalDate.of(2026, 12, 2));
        assertThat(RULES.check(CALL, dec(1, 10, 0), sued, NONE).allowed()).as("the day before").isTrue();
        ContactDecision stop = RULES.check(CALL, dec(2, 8, 0), sued, NONE);
        assertThat(stop.rule()).isEqualTo(Rule.LAWSUIT_SERVED);
        assertThat(stop.earliest()).isEmpty();
        assertThat(stop.reason()).contains("notificado de una demanda el 02-12-2026");
        assertThat(RULES.check(EMAIL, dec(6, 23, 0), DebtorStatus.aBusiness().withLawsuitServedOn(LocalDate.of(2026, 12, 2)),
                NONE).rule()).isEqualTo(Rule.LAWSUIT_SERVED);
        ContactDecision insolvent = RULES.check(SMS, dec(3, 10, 0),
                DebtorStatus.aBusiness().withInsolvencySince(LocalDate.of(2026, 12, 3)), NONE);
        assertThat(insolvent.rule()).isEqualTo(Rule.INSOLVENCY);
        assertThat(insolvent.source()).contains("Ley 20.720");
        assertThat(RULES.check(LEGAL_FILING, dec(6, 23, 0), sued, NONE).allowed()).as("a court act is not a contact").isTrue();
    }

    @Test
    void aBusinessDebtorOnlyHasTheLawsuitAndInsolvencyStop() {
        DebtorStatus business = DebtorStatus.aBusiness();
        List<PastContact> busy = List.of(new PastContact(dec(6, 9, 0), CALL), new PastContact(dec(6, 9, 0), EMAIL),
                new PastContact(dec(6, 10, 0), SMS));
        assertThat(RULES.check(CALL, dec(6, 22, 0), business, busy).allowed()).isTrue();
        assertThat(RULES.check(WHATSAPP, dec(6, 22, 0), business, busy).allowed()).isTrue();
    }

    @Test
    void legalFilingsAndLaterContactsDoNotCount() {
        assertThat(check(LEGAL_FILING, dec(6, 3, 0)).allowed()).isTrue();
        assertThat(check(CALL, dec(2, 10, 0), new PastContact(dec(1, 10, 0), LEGAL_FILING)).allowed()).isTrue();
        assertThat(check(CALL, dec(2, 10, 0), new PastContact(dec(3, 10, 0), CALL)).allowed()).isTrue();
    }

    @Test
    void aYearWithoutHolidaysFailsLoudlyForAConsumer() {
        assertThatThrownBy(() -> RULES.check(CALL, Instant.parse("2028-03-01T14:00:00Z"), CONSUMER, NONE))
                .hasMessageContaining("2028").hasMessageContaining("ChileHolidays.load");
    }

    @Test
    void theConsumerFlagDefaultsFromTheRut() {
        assertThat(DebtorStatus.defaultFor(Rut.parse("12.345.678-5")).consumer()).isTrue();
        assertThat(new Rut(49_999_999, Rut.checkDigitOf(49_999_999)).isNaturalPerson()).isTrue();
        assertThat(new Rut(50_000_000, Rut.checkDigitOf(50_000_000)).isNaturalPerson()).isFalse();
        assertThat(DebtorStatus.defaultFor(new Rut(76_123_456, Rut.checkDigitOf(76_123_456))).consumer()).isFalse();
    }
}
