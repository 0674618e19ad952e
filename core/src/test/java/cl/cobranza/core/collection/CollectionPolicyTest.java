package cl.cobranza.core.collection;

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
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The policy's stages, stops, legal proposal and next action. "Now" is Thursday 03-12-2026 at 11:00 in Santiago,
 * a contact day; 08-12 is a holiday, 06-12 a Sunday.
 */
class CollectionPolicyTest {
    private static final ContactRules RULES = ContactRules.chile();
    private static final CollectionPolicy POLICY = CollectionPolicy.defaults();
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 3);
    private static final Instant NOW = dec(3, 11, 0);
    private static final long OPEN = 500_000;
    private static final DebtorStatus CONSUMER = DebtorStatus.aConsumer();

    private static Instant dec(int day, int hour, int minute) {
        return ZonedDateTime.of(2026, 12, day, hour, minute, 0, 0, ContactRules.SANTIAGO).toInstant();
    }

    private static Instant nov(int day, int hour) {
        return ZonedDateTime.of(2026, 11, day, hour, 0, 0, 0, ContactRules.SANTIAGO).toInstant();
    }

    /** An invoice {@code daysPastDue} days past due today (negative: due in that many days), issued 30 days before. */
    private static OpenItem overdue(int daysPastDue, long open) {
        LocalDate due = TODAY.minusDays(daysPastDue);
        return OpenItem.of(due.minusDays(30), due, open);
    }

    private static OpenItem overdue(int daysPastDue) {
        return overdue(daysPastDue, OPEN);
    }

    private static PolicyDecision decide(OpenItem item, PastContact... contacts) {
        return POLICY.decide(item, CONSUMER, List.of(contacts), NOW, RULES);
    }

    private static PromiseToPay promisedFor(LocalDate day) {
        return new PromiseToPay(TODAY.minusDays(10), day, 100_000);
    }

    private static void assertAction(PolicyDecision d, Stage stage, Channel channel, String instruction) {
        assertThat(d.stage()).isEqualTo(stage);
        assertThat(d.stop()).isNull();
        assertThat(d.nextAction()).isNotNull();
        assertThat(d.nextAction().channel()).isEqualTo(channel);
        assertThat(d.nextAction().instruction()).isEqualTo(instruction);
        assertThat(d.nextAction().isFallback()).isFalse();
    }

    @Test
    void preventiveWindowEdges() {
        PolicyDecision early = decide(overdue(-6));
        assertThat(early.stage()).as("due in 6 days").isNull();
        assertThat(early.nextAction()).isNull();
        assertAction(decide(overdue(-5)), Stage.PREVENTIVE, EMAIL, "Recordatorio por correo: vence en 5 días");
        assertAction(decide(overdue(-3)), Stage.PREVENTIVE, EMAIL, "Recordatorio por correo: vence en 3 días");
        assertAction(decide(overdue(-1)), Stage.PREVENTIVE, EMAIL, "Recordatorio por correo: vence mañana");
        assertAction(decide(overdue(0)), Stage.PREVENTIVE, EMAIL, "Recordatorio por correo: vence hoy");
    }

    @Test
    void aBouncedEmailMakesTheReminderAnSms() {
        assertAction(decide(overdue(-3), new PastContact(nov(20, 10), EMAIL, Outcome.BOUNCED)), Stage.PREVENTIVE, SMS,
                "Recordatorio por SMS: vence en 3 días (el correo rebotó)");
    }

    @Test
    void earlyOverdueFromDayOneNoticeThenCalls() {
        assertAction(decide(overdue(1)), Stage.EARLY_OVERDUE, SMS, "Aviso por SMS: 1 día vencida");
        assertAction(decide(overdue(5)), Stage.EARLY_OVERDUE, SMS, "Aviso por SMS: 5 días vencida");
        assertAction(decide(overdue(6)), Stage.EARLY_OVERDUE, CALL, "Llamar: 6 días vencida, sin promesa");
        assertAction(decide(overdue(12)), Stage.EARLY_OVERDUE, CALL, "Llamar: 12 días vencida, sin promesa");
        assertAction(decide(overdue(30)), Stage.EARLY_OVERDUE, CALL, "Llamar: 30 días vencida, sin promesa");
    }

    @Test
    void dayThirtyOneIsExtrajudicialWithoutAFirmPromise() {
        assertAction(decide(overdue(31)), Stage.EXTRAJUDICIAL, LETTER, "Carta de cobranza extrajudicial: 31 días vencida");
        PolicyDecision promised = decide(overdue(31).withPromise(promisedFor(TODAY.plusDays(4))));
        assertThat(promised.stage()).isEqualTo(Stage.EARLY_OVERDUE);
        assertThat(promised.stop()).isEqualTo(StopReason.PROMISE_PENDING);
        assertThat(promised.nextAction()).isNull();
        PolicyDecision dueToday = decide(overdue(31).withPromise(promisedFor(TODAY)));
        assertThat(dueToday.stop()).as("promised for today: not yet broken").isEqualTo(StopReason.PROMISE_PENDING);
    }

    @Test
    void aBrokenPromiseIsCalledAbout() {
        PromiseToPay broken = promisedFor(LocalDate.of(2026, 12, 1));
        assertAction(decide(overdue(31).withPromise(broken)), Stage.EXTRAJUDICIAL, CALL, "Llamar: promesa incumplida del 01-12-2026");
        assertAction(decide(overdue(10).withPromise(broken)), Stage.EARLY_OVERDUE, CALL, "Llamar: promesa incumplida del 01-12-2026");
    }

    @Test
    void extrajudicialAfterTheLetterCallsThenVisits() {
        // due 02-11 (31 days ago): extrajudicial from 03-12; a letter on 20-11 was still early collection
        PastContact earlyLetter = new PastContact(nov(20, 10), LETTER, Outcome.DELIVERED);
        assertThat(decide(overdue(31), earlyLetter).nextAction().channel()).isEqualTo(LETTER);
        // due 19-10 (45 days ago): extrajudicial from 19-11, so a letter on 20-11 is the extrajudicial letter
        PastContact letter = new PastContact(nov(20, 11), LETTER, Outcome.DELIVERED);
        assertAction(decide(overdue(45), letter), Stage.EXTRAJUDICIAL, CALL, "Llamar: 45 días vencida, sin promesa");
        PastContact call1 = new PastContact(nov(19, 10), CALL, Outcome.NO_ANSWER);
        PastContact call2 = new PastContact(nov(26, 10), CALL, Outcome.MESSAGE_LEFT);
        assertAction(decide(overdue(45), letter, call1, call2), Stage.EXTRAJUDICIAL, VISIT, "Visita: 2 llamadas sin respuesta");
        assertAction(decide(overdue(20), call1, call2), Stage.EARLY_OVERDUE, VISIT, "Visita: 2 llamadas sin respuesta");
        PastContact reached = new PastContact(nov(22, 10), CALL, Outcome.CONTACTED);
        assertThat(decide(overdue(20), call1, reached, call2).nextAction().channel())
                .as("only one unanswered call since the debtor was reached").isEqualTo(CALL);
        assertThat(decide(overdue(20), new PastContact(nov(12, 10), CALL, Outcome.NO_ANSWER), reached, call2)
                .nextAction().channel()).isEqualTo(CALL);
    }

    @Test
    void everyStopLeavesTheItemWithoutAnAction() {
        assertStop(POLICY.decide(overdue(12, 0), CONSUMER, List.of(), NOW, RULES), StopReason.PAID);
        assertStop(POLICY.decide(overdue(12), CONSUMER.withLawsuitServedOn(TODAY), List.of(), NOW, RULES), StopReason.LAWSUIT);
        assertStop(POLICY.decide(overdue(12), DebtorStatus.aBusiness().withInsolvencySince(TODAY.minusDays(3)), List.of(), NOW,
                RULES), StopReason.INSOLVENCY);
        assertStop(decide(overdue(12).withDisputeOpen(true)), StopReason.DISPUTE_OPEN);
        assertStop(decide(overdue(12).withPlan(OpenItem.PlanStatus.UP_TO_DATE)), StopReason.PLAN_UP_TO_DATE);
        assertStop(decide(overdue(12).withPromise(promisedFor(TODAY.plusDays(1)))), StopReason.PROMISE_PENDING);
        assertStop(decide(overdue(-2).withPromise(promisedFor(TODAY.plusDays(1)))), StopReason.PROMISE_PENDING);
        assertStop(decide(overdue(200, 5_000_000).withDisputeOpen(true)), StopReason.DISPUTE_OPEN);
        assertThat(POLICY.decide(overdue(12), CONSUMER.withLawsuitServedOn(TODAY.plusDays(1)), List.of(), NOW, RULES).stop())
                .as("a lawsuit served tomorrow does not stop today").isNull();
    }

    @Test
    void anSiiClaimStopsOnlyWithinEightDaysOfIssue() {
        OpenItem item = overdue(12); // issued 21-10-2026
        assertStop(decide(item.withSiiClaimOn(item.issuedOn().plusDays(8))), StopReason.SII_CLAIM);
        assertThat(decide(item.withSiiClaimOn(item.issuedOn().plusDays(9))).stop()).as("too late: accepted").isNull();
    }

    @Test
    void aPlanBehindIsCalledAbout() {
        assertAction(decide(overdue(12).withPlan(OpenItem.PlanStatus.BEHIND)), Stage.EARLY_OVERDUE, CALL,
                "Llamar: plan de pago atrasado, 12 días vencida");
    }

    private static void assertStop(PolicyDecision d, StopReason stop) {
        assertThat(d.stop()).isEqualTo(stop);
        assertThat(d.nextAction()).isNull();
        assertThat(d.blocked()).isNull();
        assertThat(d.legal()).isEqualTo(LegalEscalation.NONE);
    }

    @Test
    void courtIsProposedFromNinetyDaysAndOneMillionButNeverApprovedByThePolicy() {
        assertThat(decide(overdue(89, 1_000_000)).legal()).isEqualTo(LegalEscalation.NONE);
        assertThat(decide(overdue(90, 999_999)).legal()).isEqualTo(LegalEscalation.NONE);
        PolicyDecision proposed = decide(overdue(90, 1_000_000));
        assertThat(proposed.legal()).isEqualTo(LegalEscalation.PROPOSED);
        assertThat(proposed.nextAction().channel()).isEqualTo(LETTER);
        for (int d = 31; d <= 720; d += 7) {
            for (long open : new long[] {1, 999_999, 1_000_000, 50_000_000}) {
                PolicyDecision decision = decide(overdue(d, open));
                assertThat(decision.legal()).isNotEqualTo(LegalEscalation.APPROVED);
                assertThat(decision.nextAction().channel()).isNotEqualTo(LEGAL_FILING);
            }
        }
        CollectionPolicy custom = new CollectionPolicy(CollectionStage.defaults(), 60, 200_000);
        assertThat(custom.decide(overdue(60, 200_000), CONSUMER, List.of(), NOW, RULES).legal()).isEqualTo(LegalEscalation.PROPOSED);
        assertThat(custom.decide(overdue(59, 200_000), CONSUMER, List.of(), NOW, RULES).legal()).isEqualTo(LegalEscalation.NONE);
    }

    @Test
    void aManagersApprovalMakesTheFilingTheNextAction() {
        PolicyDecision approved = decide(overdue(120, 2_000_000).withLegalApproved(true));
        assertThat(approved.legal()).isEqualTo(LegalEscalation.APPROVED);
        assertAction(approved, Stage.EXTRAJUDICIAL, LEGAL_FILING, "Presentar demanda: cobranza judicial aprobada, 120 días vencida");
        PolicyDecision onSunday = POLICY.decide(overdue(120, 2_000_000).withLegalApproved(true), CONSUMER, List.of(),
                dec(6, 10, 0), RULES);
        assertThat(onSunday.nextAction().channel()).as("a filing is not a contact").isEqualTo(LEGAL_FILING);
        PolicyDecision early = decide(overdue(20).withLegalApproved(true));
        assertThat(early.legal()).as("approval counts only once extrajudicial").isEqualTo(LegalEscalation.NONE);
        assertThat(early.nextAction().channel()).isEqualTo(CALL);
        assertStop(decide(overdue(120, 2_000_000).withLegalApproved(true).withDisputeOpen(true)), StopReason.DISPUTE_OPEN);
    }

    @Test
    void aBlockedCallFallsBackToAnAllowedMessageAndSaysWhy() {
        PastContact call = new PastContact(dec(1, 10, 0), CALL, Outcome.CONTACTED);
        PolicyDecision d = decide(overdue(12), call);
        assertThat(d.stage()).isEqualTo(Stage.EARLY_OVERDUE);
        NextAction action = d.nextAction();
        assertThat(action.channel()).isEqualTo(WHATSAPP);
        assertThat(action.natural()).isEqualTo(CALL);
        assertThat(action.isFallback()).isTrue();
        assertThat(action.naturalBlocked().rule()).isEqualTo(ContactRules.Rule.CALL_OR_VISIT_PER_WEEK);
        assertThat(action.instruction()).isEqualTo("Enviar WhatsApp en vez de llamar: 12 días vencida, sin promesa "
                + "(Ya se llamó al deudor el 01-12-2026; la ley permite una llamada o visita por semana (hasta el "
                + "08-12-2026 a las 10:00); el primer momento permitido es el 09-12-2026 a las 08:00)");
    }

    @Test
    void whenNothingIsAllowedThereIsNoActionButTheRuleAndWhen() {
        PastContact call = new PastContact(dec(1, 10, 0), CALL, Outcome.CONTACTED);
        PastContact email = new PastContact(dec(2, 10, 0), EMAIL, Outcome.DELIVERED);
        PolicyDecision d = decide(overdue(12), call, email);
        assertThat(d.nextAction()).isNull();
        assertThat(d.blocked().rule()).isEqualTo(ContactRules.Rule.CALL_OR_VISIT_PER_WEEK);
        assertThat(d.blocked().earliestAllowed()).isEqualTo(dec(9, 8, 0));
        PolicyDecision sunday = POLICY.decide(overdue(12), CONSUMER, List.of(), dec(6, 10, 0), RULES);
        assertThat(sunday.nextAction()).isNull();
        assertThat(sunday.blocked().rule()).isEqualTo(ContactRules.Rule.SUNDAY);
        assertThat(sunday.blocked().earliestAllowed()).isEqualTo(dec(7, 8, 0));
    }

    @Test
    void aBusinessDebtorIsNotHeldToTheConsumerLimits() {
        PastContact call = new PastContact(dec(1, 10, 0), CALL, Outcome.CONTACTED);
        PolicyDecision d = POLICY.decide(overdue(12), DebtorStatus.aBusiness(), List.of(call), dec(6, 10, 0), RULES);
        assertAction(d, Stage.EARLY_OVERDUE, CALL, "Llamar: 15 días vencida, sin promesa"); // Sunday 06-12, 3 days on
    }

    @Test
    void legalThresholdsMustStartAfterTheExtrajudicialStage() {
        assertThatThrownBy(() -> new CollectionPolicy(CollectionStage.defaults(), 30, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
