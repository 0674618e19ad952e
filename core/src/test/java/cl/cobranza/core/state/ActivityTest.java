package cl.cobranza.core.state;

import cl.cobranza.core.collection.Channel;
import cl.cobranza.core.collection.PromiseToPay;
import cl.cobranza.core.state.Activity.LastAction;
import cl.cobranza.core.state.Activity.Movement;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static cl.cobranza.core.collection.Outcome.CONTACTED;
import static cl.cobranza.core.collection.Outcome.NO_ANSWER;
import static cl.cobranza.core.collection.Outcome.PROMISED_TO_PAY;
import static cl.cobranza.core.testkit.CollectionFacts.action;
import static cl.cobranza.core.testkit.CollectionFacts.promise;
import static cl.cobranza.core.testkit.Days.FEB_1;
import static cl.cobranza.core.testkit.Days.FEB_10;
import static cl.cobranza.core.testkit.Days.FEB_14;
import static cl.cobranza.core.testkit.Days.FEB_15;
import static cl.cobranza.core.testkit.Days.FEB_9;
import static cl.cobranza.core.testkit.Days.JAN_1;
import static cl.cobranza.core.testkit.Days.JAN_20;
import static cl.cobranza.core.testkit.Days.JAN_25;
import static cl.cobranza.core.testkit.Days.JAN_31;
import static cl.cobranza.core.testkit.Days.MAR_1;
import static cl.cobranza.core.testkit.Facts.CLIENT;
import static cl.cobranza.core.testkit.Facts.creditNote;
import static cl.cobranza.core.testkit.Facts.invoice;
import static cl.cobranza.core.testkit.Facts.payment;
import static org.assertj.core.api.Assertions.assertThat;

/** An invoice's activity: last action, latest promise, broken promises as of a day, money movements. */
class ActivityTest {
    private static final int GRACE = 3;

    /** Invoice "1", $1.250.000, issued Jan 1, due Jan 31. */
    private static InvoiceState invoiceOne() {
        InvoiceState s = new InvoiceState();
        s.apply(invoice("1").issued(JAN_1).due(JAN_31).total(1_250_000).at(10));
        return s;
    }

    @Test
    void nothingDoneIsNone() {
        assertThat(Activity.of(invoiceOne(), MAR_1, GRACE)).isEqualTo(Activity.NONE);
        assertThat(invoiceOne().snapshot(CLIENT, "1").activity()).isEqualTo(Activity.NONE);
    }

    @Test
    void lastActionIsTheNewestByDateThenPositionAndDeletedOnesDoNotCount() {
        InvoiceState s = invoiceOne();
        s.apply(action("a1").call(5).outcome(CONTACTED).on(FEB_10).at(20));
        s.apply(action("a2").via(Channel.EMAIL, 0).outcome(NO_ANSWER).on(FEB_9).at(30)); // newer row, older day
        s.apply(action("a3").via(Channel.SMS, 0).outcome(NO_ANSWER).on(FEB_10).at(25));  // same day, later row
        s.apply(action("a4").visit(30).outcome(CONTACTED).on(FEB_15).at(26));
        s.apply(action("a4").visit(30).outcome(CONTACTED).on(FEB_15).deleted().at(27));   // the newest, deleted

        Activity a = Activity.of(s, MAR_1, GRACE);
        assertThat(a.lastAction()).isEqualTo(new LastAction(FEB_10, Channel.SMS, NO_ANSWER));
        assertThat(a.actions()).isEqualTo(3);
    }

    @Test
    void latestPromiseIsTheNewestByMadeOnThenPosition() {
        InvoiceState s = invoiceOne();
        s.apply(promise("pr1").madeOn(FEB_9).promised(FEB_15).of(100_000).at(20));
        s.apply(promise("pr2").madeOn(FEB_1).promised(MAR_1).of(200_000).at(30)); // newer row, made earlier
        s.apply(promise("pr3").madeOn(FEB_9).promised(FEB_14).of(300_000).at(25)); // same day, later row
        s.apply(promise("pr4").madeOn(FEB_10).promised(MAR_1).of(400_000).deleted().at(26));

        assertThat(Activity.of(s, FEB_10, GRACE).promise()).isEqualTo(new PromiseToPay(FEB_9, FEB_14, 300_000));
    }

    @Test
    void aPromiseIsBrokenOnceItsGraceHasRunOutWithoutBeingPaid() {
        InvoiceState s = invoiceOne();
        // promised Feb 10, grace 3: judged from Feb 13 on; kept by payments dated Feb 1 .. Feb 13
        s.apply(promise("pr1").madeOn(FEB_1).promised(FEB_10).of(300_000).at(20));
        assertThat(Activity.of(s, LocalDate.of(2025, 2, 12), GRACE).brokenPromises()).as("grace not over").isZero();
        assertThat(Activity.of(s, LocalDate.of(2025, 2, 13), GRACE).brokenPromises()).as("last grace day").isEqualTo(1);

        // 100 000 before the promise was made does not count; 200 000 + 100 000 within it keep it
        s.apply(payment("p0").of(100_000).on(JAN_25).at(21));
        s.apply(payment("p1").of(200_000).on(FEB_10).at(22));
        assertThat(Activity.of(s, MAR_1, GRACE).brokenPromises()).as("200 000 of 300 000").isEqualTo(1);
        s.apply(payment("p2").of(100_000).on(LocalDate.of(2025, 2, 13)).at(23));
        assertThat(Activity.of(s, MAR_1, GRACE).brokenPromises()).as("300 000 by the last grace day").isZero();
        assertThat(Activity.of(s, MAR_1, 0).brokenPromises()).as("without grace Feb 13 is late").isEqualTo(1);
    }

    @Test
    void brokenPromisesAreCountedEachAndPaymentsOfAVoidedInvoiceKeepNone() {
        InvoiceState s = invoiceOne();
        s.apply(promise("pr1").madeOn(JAN_20).promised(JAN_25).of(100_000).at(20));
        s.apply(promise("pr2").madeOn(FEB_1).promised(FEB_10).of(100_000).at(21));
        s.apply(promise("pr3").madeOn(FEB_10).promised(FEB_15).of(100_000).at(22)); // pending on Feb 15
        s.apply(payment("p1").of(100_000).on(FEB_9).at(23));                        // keeps pr2 only
        assertThat(Activity.of(s, FEB_15, GRACE).brokenPromises()).isEqualTo(1);
        assertThat(s.snapshot(CLIENT, "1").activity().brokenPromises()).as("not judged without a day").isZero();

        s.apply(invoice("1").issued(JAN_1).due(JAN_31).total(1_250_000).deleted().at(40));
        assertThat(Activity.of(s, FEB_15, GRACE).brokenPromises()).isEqualTo(2);
    }

    @Test
    void theNextDayAPendingPromiseIsJudged() {
        InvoiceState s = invoiceOne();
        assertThat(s.nextPromiseJudgedAfter(FEB_1, GRACE)).as("no promise").isNull();
        s.apply(promise("pr1").madeOn(FEB_1).promised(FEB_10).of(100_000).at(20)); // judged Feb 13
        s.apply(promise("pr2").madeOn(FEB_1).promised(FEB_14).of(100_000).at(21)); // judged Feb 17
        s.apply(promise("pr3").madeOn(FEB_1).promised(FEB_9).of(100_000).deleted().at(22));
        assertThat(s.nextPromiseJudgedAfter(FEB_10, GRACE)).isEqualTo(LocalDate.of(2025, 2, 13));
        assertThat(s.nextPromiseJudgedAfter(LocalDate.of(2025, 2, 13), GRACE)).isEqualTo(LocalDate.of(2025, 2, 17));
        assertThat(s.nextPromiseJudgedAfter(LocalDate.of(2025, 2, 17), GRACE)).isNull();
    }

    @Test
    void movementsAreLivePaymentsAndCreditNotesInDateOrder() {
        InvoiceState s = invoiceOne();
        s.apply(payment("p2").of(300_000).on(FEB_10).at(20));
        s.apply(payment("p1").of(100_000).on(FEB_1).at(21));
        s.apply(creditNote("n1").of(50_000).on(FEB_10).at(22));
        s.apply(payment("p3").of(70_000).on(JAN_20).at(23));
        s.apply(payment("p3").of(70_000).on(JAN_20).reversed().at(24));

        assertThat(Activity.of(s, MAR_1, GRACE).movements()).containsExactly(
                new Movement(FEB_1, Movement.Kind.PAYMENT, 100_000),
                new Movement(FEB_10, Movement.Kind.CREDIT_NOTE, 50_000),
                new Movement(FEB_10, Movement.Kind.PAYMENT, 300_000));
    }

    @Test
    void anActionOrPromiseAloneChangesTheStateAndItsSnapshot() {
        // the streaming job emits a new snapshot version whenever apply() returns true
        InvoiceState s = invoiceOne();
        InvoiceSnapshot before = s.snapshot(CLIENT, "1", FEB_1, GRACE);
        assertThat(s.apply(action("a1").call(4).outcome(PROMISED_TO_PAY).on(FEB_1).at(20))).isTrue();
        assertThat(s.apply(action("a1").call(4).outcome(PROMISED_TO_PAY).on(FEB_1).at(20))).as("duplicate").isFalse();
        assertThat(s.apply(promise("pr1").madeOn(FEB_1).promised(FEB_10).of(500_000).at(21))).isTrue();

        InvoiceSnapshot after = s.snapshot(CLIENT, "1", FEB_1, GRACE);
        assertThat(after.withActivity(Activity.NONE)).as("balances unchanged").isEqualTo(before);
        assertThat(after.activity()).isEqualTo(new Activity(new LastAction(FEB_1, Channel.CALL, PROMISED_TO_PAY), 1,
                new PromiseToPay(FEB_1, FEB_10, 500_000), 0, List.of(),
                List.of(new LastAction(FEB_1, Channel.CALL, PROMISED_TO_PAY)), List.of(new PromiseToPay(FEB_1, FEB_10, 500_000))));
        assertThat(InvoiceState.decode(s.encode()).snapshot(CLIENT, "1", FEB_1, GRACE)).isEqualTo(after);
    }
}
