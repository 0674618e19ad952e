package cl.cobranza.core.collection;

import cl.cobranza.core.chile.ChileHolidays;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether an action may be taken on a debtor now, under Chile's rules on extrajudicial collection from consumers
 * (Ley 19.496 art. 37, as amended by Ley 21.320). For a consumer:
 * <ul>
 *   <li><b>hours</b>: Monday to Saturday, from 08:00:00 up to and including 19:59:59 in the rules' zone
 *       (America/Santiago); the law says "entre las 8:00 y las 20:00" and 20:00:00 itself is treated as outside;
 *       never on Sunday, never on a public holiday ({@link ChileHolidays});</li>
 *   <li><b>calls and visits</b>: at most one per week, where a week is the rolling 7 local days after the last one:
 *       a call at 10:00 on 01-12 blocks calls and visits until 10:00 on 08-12, in local wall-clock time (so across
 *       a DST change the wait is 7 local days, 6 d 23 h or 7 d 1 h of elapsed time);</li>
 *   <li><b>messages</b> (email, SMS, WhatsApp, letter): at most two in any such rolling week, and two messages at
 *       least two local calendar days apart (a message on 01-12 blocks messages on 01-12 and 02-12, allows 03-12).</li>
 * </ul>
 * Every attempt counts, whatever its outcome. Only contacts before the checked instant count, across all the
 * debtor's debts with the same client. For every debtor, consumer or not, nothing is allowed from the day a
 * lawsuit is served or insolvency proceedings start. {@link Channel#LEGAL_FILING} is a court act, not a contact
 * with the debtor: always allowed by these rules (whether to file is the policy's and a manager's decision).
 */
public final class ContactRules {
    /** Chile's mainland civil time, the zone the law's hours are read in. */
    public static final ZoneId SANTIAGO = ZoneId.of("America/Santiago");
    /** The first allowed local time of a day. */
    public static final LocalTime OPENS = LocalTime.of(8, 0);
    /** The first local time that is no longer allowed (19:59:59 is the last allowed second). */
    public static final LocalTime CLOSES = LocalTime.of(20, 0);
    /** Length of the rolling week, in local days. */
    public static final int WEEK_DAYS = 7;
    /** Least difference between the local dates of two messages. */
    public static final int MESSAGE_GAP_DAYS = 2;
    /** Most messages in a rolling week. */
    public static final int MAX_MESSAGES_PER_WEEK = 2;

    private static final String CONSUMER_LAW = "Ley 19.496 art. 37, modificada por Ley 21.320";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd-MM-yyyy");
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("dd-MM-yyyy 'a las' HH:mm");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    /** Search horizon for the next allowed slot; far beyond any run of Sundays and holidays. */
    private static final int MAX_DAYS_AHEAD = 31;

    /** Why an action is blocked: a machine code with its legal source. */
    public enum Rule {
        /** The debtor was served with a lawsuit: collection continues only in court. */
        LAWSUIT_SERVED(CONSUMER_LAW + "; cobranza judicial en curso"),
        /** The debtor is in insolvency proceedings: creditors collect only through them. */
        INSOLVENCY("Ley 20.720 (procedimientos concursales)"),
        /** Sundays are never allowed. */
        SUNDAY(CONSUMER_LAW),
        /** Public holidays are never allowed. */
        HOLIDAY(CONSUMER_LAW),
        /** Before 08:00 or from 20:00 local time. */
        OUTSIDE_HOURS(CONSUMER_LAW),
        /** A call or visit in the last rolling week. */
        CALL_OR_VISIT_PER_WEEK(CONSUMER_LAW),
        /** Two messages in the last rolling week. */
        MESSAGES_PER_WEEK(CONSUMER_LAW),
        /** A message less than two calendar days ago. */
        MESSAGES_TWO_DAYS_APART(CONSUMER_LAW);

        private final String source;

        Rule(String source) {
            this.source = source;
        }

        /** The law behind the rule, as shown to the collector. */
        public String source() {
            return source;
        }
    }

    private final ChileHolidays holidays;
    private final ZoneId zone;

    public ContactRules(ChileHolidays holidays, ZoneId zone) {
        this.holidays = Objects.requireNonNull(holidays, "holidays");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** The rules with the bundled holiday table, in America/Santiago. */
    public static ContactRules chile() {
        return new ContactRules(ChileHolidays.bundled(), SANTIAGO);
    }

    /** The zone the rules read local dates and hours in. */
    public ZoneId zone() {
        return zone;
    }

    /**
     * Whether an action of {@code channel} at {@code at} is allowed on a debtor with this status and these past
     * contacts (all channels, all its debts with the client; later ones are ignored).
     */
    public ContactDecision check(Channel channel, Instant at, DebtorStatus debtor, List<PastContact> history) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(at, "at");
        ZonedDateTime local = at.atZone(zone);
        LocalDate today = local.toLocalDate();
        if (channel == Channel.LEGAL_FILING) {
            return ContactDecision.allow();
        }
        if (debtor.sued(today)) {
            return ContactDecision.block(Rule.LAWSUIT_SERVED, "El deudor fue notificado de una demanda el "
                    + DAY.format(debtor.lawsuitServedOn()) + "; desde entonces no se le puede hacer cobranza "
                    + "extrajudicial, solo gestiones en el juicio", null);
        }
        if (debtor.insolvent(today)) {
            return ContactDecision.block(Rule.INSOLVENCY, "El deudor está en un procedimiento concursal desde el "
                    + DAY.format(debtor.insolvencySince()) + "; la deuda se cobra solo dentro de ese procedimiento", null);
        }
        if (!debtor.consumer()) {
            return ContactDecision.allow();
        }
        Optional<Block> frequency = frequencyBlock(channel, at, history);
        if (frequency.isPresent()) {
            Block b = frequency.get();
            Instant earliest = nextSlot(b.until());
            String reason = b.reason();
            if (!earliest.equals(b.until())) {
                reason += "; el primer momento permitido es el " + DAY_TIME.format(earliest.atZone(zone));
            }
            return ContactDecision.block(b.rule(), reason, earliest);
        }
        Optional<Block> calendar = calendarBlock(local);
        if (calendar.isPresent()) {
            Instant earliest = nextSlot(at);
            return ContactDecision.block(calendar.get().rule(), calendar.get().reason() + "; se puede desde el "
                    + DAY_TIME.format(earliest.atZone(zone)), earliest);
        }
        return ContactDecision.allow();
    }

    /** Whether a local day is a contact day: Monday to Saturday and not a public holiday. */
    public boolean isContactDay(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SUNDAY && !holidays.isHoliday(day);
    }

    /** The first instant at or after {@code from} inside contact hours on a contact day. */
    public Instant nextSlot(Instant from) {
        ZonedDateTime z = from.atZone(zone);
        LocalDate day = z.toLocalDate();
        LocalTime time = z.toLocalTime();
        for (int i = 0; i <= MAX_DAYS_AHEAD; i++, day = day.plusDays(1), time = LocalTime.MIN) {
            if (!isContactDay(day) || !time.isBefore(CLOSES)) {
                continue;
            }
            return time.isBefore(OPENS) ? ZonedDateTime.of(day, OPENS, zone).toInstant() : from;
        }
        throw new IllegalStateException("no hay un día hábil para contactar en los " + MAX_DAYS_AHEAD + " días desde el "
                + DAY.format(z.toLocalDate()) + "; revise la tabla de feriados");
    }

    private record Block(Rule rule, String reason, Instant until) {
    }

    private Optional<Block> calendarBlock(ZonedDateTime local) {
        LocalDate day = local.toLocalDate();
        if (day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return Optional.of(new Block(Rule.SUNDAY, "Hoy es domingo (" + DAY.format(day)
                    + "); la ley no permite contactar al deudor los domingos", null));
        }
        Optional<ChileHolidays.Holiday> holiday = holidays.holidayOn(day);
        if (holiday.isPresent()) {
            return Optional.of(new Block(Rule.HOLIDAY, "El " + DAY.format(day) + " es feriado (" + holiday.get().name()
                    + "); la ley no permite contactar al deudor en feriados", null));
        }
        LocalTime time = local.toLocalTime();
        if (time.isBefore(OPENS) || !time.isBefore(CLOSES)) {
            return Optional.of(new Block(Rule.OUTSIDE_HOURS, "Fuera del horario permitido (son las " + TIME.format(time)
                    + " del " + DAY.format(day) + "); la ley permite contactar de lunes a sábado entre las 08:00 y las 20:00",
                    null));
        }
        return Optional.empty();
    }

    private Optional<Block> frequencyBlock(Channel channel, Instant at, List<PastContact> history) {
        List<PastContact> before = history.stream()
                .filter(c -> c.at().isBefore(at) && c.channel() != Channel.LEGAL_FILING)
                .sorted(Comparator.comparing(PastContact::at))
                .toList();
        List<Block> blocks = new ArrayList<>();
        if (channel.isContactAttempt()) {
            before.stream().filter(c -> c.channel().isContactAttempt()).reduce((a, b) -> b).ifPresent(last -> {
                Instant until = weekAfter(last.at());
                if (at.isBefore(until)) {
                    String done = last.channel() == Channel.VISIT ? "Ya se visitó" : "Ya se llamó";
                    blocks.add(new Block(Rule.CALL_OR_VISIT_PER_WEEK, done + " al deudor el " + day(last.at())
                            + "; la ley permite una llamada o visita por semana (hasta el " + dayTime(until) + ")", until));
                }
            });
        } else {
            List<PastContact> messages = before.stream().filter(c -> c.channel().isMessage()).toList();
            List<PastContact> inWeek = messages.stream().filter(c -> at.isBefore(weekAfter(c.at()))).toList();
            if (inWeek.size() >= MAX_MESSAGES_PER_WEEK) {
                PastContact older = inWeek.get(inWeek.size() - MAX_MESSAGES_PER_WEEK);
                PastContact newer = inWeek.get(inWeek.size() - 1);
                Instant until = weekAfter(older.at());
                blocks.add(new Block(Rule.MESSAGES_PER_WEEK, "Ya se enviaron " + inWeek.size()
                        + " mensajes al deudor en los últimos 7 días (el " + day(older.at()) + " y el " + day(newer.at())
                        + "); la ley permite dos por semana (hasta el " + dayTime(until) + ")", until));
            }
            if (!messages.isEmpty()) {
                PastContact last = messages.get(messages.size() - 1);
                LocalDate lastDay = last.at().atZone(zone).toLocalDate();
                LocalDate today = at.atZone(zone).toLocalDate();
                if (ChronoUnit.DAYS.between(lastDay, today) < MESSAGE_GAP_DAYS) {
                    LocalDate from = lastDay.plusDays(MESSAGE_GAP_DAYS);
                    blocks.add(new Block(Rule.MESSAGES_TWO_DAYS_APART, "Ya se envió un mensaje al deudor el "
                            + DAY.format(lastDay) + " (" + last.channel().spanishName()
                            + "); la ley exige al menos dos días entre mensajes (desde el " + DAY.format(from) + ")",
                            from.atStartOfDay(zone).toInstant()));
                }
            }
        }
        return blocks.stream().max(Comparator.comparing(Block::until));
    }

    private Instant weekAfter(Instant t) {
        return t.atZone(zone).plusDays(WEEK_DAYS).toInstant();
    }

    private String day(Instant t) {
        return DAY.format(t.atZone(zone));
    }

    private String dayTime(Instant t) {
        return DAY_TIME.format(t.atZone(zone));
    }
}
