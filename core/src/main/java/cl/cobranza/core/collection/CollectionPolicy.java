package cl.cobranza.core.collection;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The collection policy for one open item: its {@link Stage} (by {@link CollectionStage}), whether it is stopped,
 * whether going to court is proposed, and the next best action, filtered through the {@link ContactRules}.
 *
 * <p>Stops, checked in order (a stopped item gets no action): {@link StopReason#PAID} (nothing open),
 * {@code LAWSUIT} and {@code INSOLVENCY} (from the debtor's status on the local day of {@code now}),
 * {@code DISPUTE_OPEN}, {@code SII_CLAIM} (claimed within 8 days of issue), {@code PLAN_UP_TO_DATE},
 * {@code PROMISE_PENDING} (the latest promise's date is today or later).
 *
 * <p>Legal escalation is {@code PROPOSED} when the item is {@code EXTRAJUDICIAL}, at least
 * {@code legalMinDaysOverdue} days past due (default {@value #DEFAULT_LEGAL_MIN_DAYS}) and at least
 * {@code legalMinOpenClp} open (default $1.000.000, in pesos so that it needs no UF table: about 25 UF in 2026,
 * below which a lawsuit rarely pays for itself). It is never approved here: only when the caller says a manager
 * approved ({@link OpenItem#legalApproved()}) on an extrajudicial item is it {@code APPROVED} and the next action a
 * {@link Channel#LEGAL_FILING}; a manager may approve below the thresholds.
 *
 * <p>The sequence ("unanswered" = the latest calls, since the last visit or right-party contact, all without
 * reaching the debtor; "no letter" = no letter to the debtor since the item became extrajudicial):
 * <table>
 *   <caption>Next action by stage</caption>
 *   <tr><th>stage</th><th>condition (first that holds)</th><th>channel</th><th>instruction</th></tr>
 *   <tr><td>PREVENTIVE</td><td>last e-mail bounced</td><td>SMS</td><td>Recordatorio por SMS: vence en 3 días (el correo rebotó)</td></tr>
 *   <tr><td>PREVENTIVE</td><td>otherwise</td><td>EMAIL</td><td>Recordatorio por correo: vence en 3 días</td></tr>
 *   <tr><td>EARLY_OVERDUE</td><td>broken promise</td><td>CALL</td><td>Llamar: promesa incumplida del 01-12-2026</td></tr>
 *   <tr><td>EARLY_OVERDUE</td><td>plan behind</td><td>CALL</td><td>Llamar: plan de pago atrasado</td></tr>
 *   <tr><td>EARLY_OVERDUE</td><td>2+ unanswered calls</td><td>VISIT</td><td>Visita: 2 llamadas sin respuesta</td></tr>
 *   <tr><td>EARLY_OVERDUE</td><td>1–5 days past due</td><td>SMS</td><td>Aviso por SMS: 3 días vencida</td></tr>
 *   <tr><td>EARLY_OVERDUE</td><td>otherwise</td><td>CALL</td><td>Llamar: 12 días vencida, sin promesa</td></tr>
 *   <tr><td>EXTRAJUDICIAL</td><td>legal approved</td><td>LEGAL_FILING</td><td>Presentar demanda: cobranza judicial aprobada</td></tr>
 *   <tr><td>EXTRAJUDICIAL</td><td>broken promise / plan behind</td><td>CALL</td><td>as in EARLY_OVERDUE</td></tr>
 *   <tr><td>EXTRAJUDICIAL</td><td>no letter</td><td>LETTER</td><td>Carta de cobranza extrajudicial: 45 días vencida</td></tr>
 *   <tr><td>EXTRAJUDICIAL</td><td>2+ unanswered calls</td><td>VISIT</td><td>Visita: 2 llamadas sin respuesta</td></tr>
 *   <tr><td>EXTRAJUDICIAL</td><td>otherwise</td><td>CALL</td><td>Llamar: 45 días vencida, sin promesa</td></tr>
 * </table>
 * When the contact rules block that channel now, the first allowed fallback is suggested (a call falls back to
 * WhatsApp, SMS, e-mail; a visit to a call, then those; a letter to a call, then e-mail; a message to the other
 * messages) with the reason in the instruction; when none is allowed there is no action, and the decision carries
 * the natural channel's block with the earliest instant it is allowed.
 */
public record CollectionPolicy(CollectionStage stages, int legalMinDaysOverdue, long legalMinOpenClp) {
    /** Days past due from which court is proposed. */
    public static final int DEFAULT_LEGAL_MIN_DAYS = 90;
    /** Open pesos from which court is proposed. */
    public static final long DEFAULT_LEGAL_MIN_OPEN_CLP = 1_000_000;
    /** Days past due during which a first overdue notice is a message rather than a call. */
    public static final int NOTICE_DAYS = 5;
    /** Unanswered calls after which a visit is suggested. */
    public static final int UNANSWERED_CALLS_FOR_VISIT = 2;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd-MM-yyyy");
    private static final Map<Channel, List<Channel>> FALLBACKS = Map.of(
            Channel.CALL, List.of(Channel.WHATSAPP, Channel.SMS, Channel.EMAIL),
            Channel.VISIT, List.of(Channel.CALL, Channel.WHATSAPP, Channel.SMS, Channel.EMAIL),
            Channel.LETTER, List.of(Channel.CALL, Channel.EMAIL),
            Channel.EMAIL, List.of(Channel.SMS, Channel.WHATSAPP),
            Channel.SMS, List.of(Channel.WHATSAPP, Channel.EMAIL),
            Channel.WHATSAPP, List.of(Channel.SMS, Channel.EMAIL),
            Channel.LEGAL_FILING, List.of());

    public CollectionPolicy {
        Objects.requireNonNull(stages, "stages");
        if (legalMinDaysOverdue <= CollectionStage.EARLY_OVERDUE_MAX_DAYS) {
            throw new IllegalArgumentException("legal escalation starts after the extrajudicial stage begins (day "
                    + (CollectionStage.EARLY_OVERDUE_MAX_DAYS + 1) + "): " + legalMinDaysOverdue);
        }
        if (legalMinOpenClp < 0) {
            throw new IllegalArgumentException("legal minimum open amount must be >= 0: " + legalMinOpenClp);
        }
    }

    /** 5 preventive days, court proposed from 90 days past due and $1.000.000 open. */
    public static CollectionPolicy defaults() {
        return new CollectionPolicy(CollectionStage.defaults(), DEFAULT_LEGAL_MIN_DAYS, DEFAULT_LEGAL_MIN_OPEN_CLP);
    }

    /**
     * Decides for one item of a debtor at {@code now}; the business day is {@code now}'s local date in the rules'
     * zone. {@code contacts} are the debtor's past contacts with this client, on all its debts.
     */
    public PolicyDecision decide(OpenItem item, DebtorStatus debtor, List<PastContact> contacts, Instant now,
                                 ContactRules rules) {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(debtor, "debtor");
        Objects.requireNonNull(now, "now");
        LocalDate asOf = now.atZone(rules.zone()).toLocalDate();
        long d = ChronoUnit.DAYS.between(item.dueDate(), asOf);
        Stage stage = stages.stageOf(asOf, item.dueDate(), item.openClp(), item.latestPromise()).orElse(null);
        StopReason stop = stopOf(item, debtor, asOf);
        if (stage == null || stop != null) {
            return new PolicyDecision(stage, d, stop, LegalEscalation.NONE, null, null);
        }
        LegalEscalation legal = LegalEscalation.NONE;
        if (stage == Stage.EXTRAJUDICIAL) {
            if (item.legalApproved()) {
                legal = LegalEscalation.APPROVED;
            } else if (d >= legalMinDaysOverdue && item.openClp() >= legalMinOpenClp) {
                legal = LegalEscalation.PROPOSED;
            }
        }
        List<PastContact> history = contacts.stream().filter(c -> c.at().isBefore(now))
                .sorted(Comparator.comparing(PastContact::at)).toList();
        Step natural = naturalStep(item, stage, legal, d, asOf, history, rules);
        ContactDecision check = rules.check(natural.channel(), now, debtor, history);
        if (check.allowed()) {
            return new PolicyDecision(stage, d, null, legal,
                    new NextAction(natural.channel(), natural.instruction(), natural.channel(), null), null);
        }
        for (Channel fallback : FALLBACKS.get(natural.channel())) {
            if (rules.check(fallback, now, debtor, history).allowed()) {
                String text = verb(fallback) + " en vez de " + infinitive(natural.channel()) + ": " + natural.detail()
                        + " (" + check.reason() + ")";
                return new PolicyDecision(stage, d, null, legal, new NextAction(fallback, text, natural.channel(), check), null);
            }
        }
        return new PolicyDecision(stage, d, null, legal, null, check);
    }

    private static StopReason stopOf(OpenItem item, DebtorStatus debtor, LocalDate asOf) {
        if (item.openClp() <= 0) {
            return StopReason.PAID;
        }
        if (debtor.sued(asOf)) {
            return StopReason.LAWSUIT;
        }
        if (debtor.insolvent(asOf)) {
            return StopReason.INSOLVENCY;
        }
        if (item.disputeOpen()) {
            return StopReason.DISPUTE_OPEN;
        }
        if (item.claimedInSii()) {
            return StopReason.SII_CLAIM;
        }
        if (item.plan() == OpenItem.PlanStatus.UP_TO_DATE) {
            return StopReason.PLAN_UP_TO_DATE;
        }
        if (item.latestPromise() != null && item.latestPromise().isFirmOn(asOf)) {
            return StopReason.PROMISE_PENDING;
        }
        return null;
    }

    /** The sequence's channel with its label ("Llamar") and detail ("12 días vencida, sin promesa"). */
    private record Step(Channel channel, String label, String detail) {
        String instruction() {
            return detail.isEmpty() ? label : label + ": " + detail;
        }
    }

    private Step naturalStep(OpenItem item, Stage stage, LegalEscalation legal, long d, LocalDate asOf,
                             List<PastContact> history, ContactRules rules) {
        if (stage == Stage.PREVENTIVE) {
            String when = d == 0 ? "vence hoy" : d == -1 ? "vence mañana" : "vence en " + (-d) + " días";
            Optional<PastContact> lastEmail = history.stream().filter(c -> c.channel() == Channel.EMAIL).reduce((a, b) -> b);
            if (lastEmail.isPresent() && lastEmail.get().outcome() == Outcome.BOUNCED) {
                return new Step(Channel.SMS, "Recordatorio por SMS", when + " (el correo rebotó)");
            }
            return new Step(Channel.EMAIL, "Recordatorio por correo", when);
        }
        String overdue = (d == 1 ? "1 día" : d + " días") + " vencida";
        if (legal == LegalEscalation.APPROVED) {
            return new Step(Channel.LEGAL_FILING, "Presentar demanda", "cobranza judicial aprobada, " + overdue);
        }
        PromiseToPay promise = item.latestPromise();
        if (promise != null && !promise.isFirmOn(asOf)) {
            return new Step(Channel.CALL, "Llamar", "promesa incumplida del " + DAY.format(promise.promisedDate()));
        }
        if (item.plan() == OpenItem.PlanStatus.BEHIND) {
            return new Step(Channel.CALL, "Llamar", "plan de pago atrasado, " + overdue);
        }
        if (stage == Stage.EXTRAJUDICIAL) {
            LocalDate extrajudicialFrom = item.dueDate().plusDays(CollectionStage.EARLY_OVERDUE_MAX_DAYS + 1L);
            boolean lettered = history.stream().anyMatch(c -> c.channel() == Channel.LETTER
                    && !c.at().atZone(rules.zone()).toLocalDate().isBefore(extrajudicialFrom));
            if (!lettered) {
                return new Step(Channel.LETTER, "Carta de cobranza extrajudicial", overdue);
            }
        }
        int unanswered = unansweredCalls(history);
        if (unanswered >= UNANSWERED_CALLS_FOR_VISIT) {
            return new Step(Channel.VISIT, "Visita", unanswered + " llamadas sin respuesta");
        }
        if (stage == Stage.EARLY_OVERDUE && d <= NOTICE_DAYS) {
            return new Step(Channel.SMS, "Aviso por SMS", overdue);
        }
        return new Step(Channel.CALL, "Llamar", overdue + ", sin promesa");
    }

    /** Calls at the end of the history known not to have reached the debtor, back to the last visit or right-party contact. */
    private static int unansweredCalls(List<PastContact> history) {
        int n = 0;
        for (int i = history.size() - 1; i >= 0; i--) {
            PastContact c = history.get(i);
            if (c.channel() == Channel.VISIT || (c.outcome() != null && c.outcome().isRightPartyContact())) {
                break;
            }
            if (c.channel() == Channel.CALL && c.outcome() != null) { // a call of unknown outcome proves nothing
                n++;
            }
        }
        return n;
    }

    private static String verb(Channel c) {
        return switch (c) {
            case EMAIL -> "Enviar correo";
            case SMS -> "Enviar SMS";
            case WHATSAPP -> "Enviar WhatsApp";
            case CALL -> "Llamar";
            case VISIT -> "Visitar";
            case LETTER -> "Enviar carta";
            case LEGAL_FILING -> "Presentar demanda";
        };
    }

    private static String infinitive(Channel c) {
        return switch (c) {
            case CALL -> "llamar";
            case VISIT -> "visitar";
            default -> verb(c).toLowerCase().replace("sms", "SMS").replace("whatsapp", "WhatsApp");
        };
    }
}
