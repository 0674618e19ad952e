package cl.cobranza.core.risk;

import cl.cobranza.core.collection.Outcome;
import cl.cobranza.core.collection.PromiseToPay;
import cl.cobranza.core.state.Activity.Movement;
import cl.cobranza.core.state.InvoiceState;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static cl.cobranza.core.risk.RiskFacts.invoice;
import static cl.cobranza.core.testkit.CollectionFacts.action;
import static cl.cobranza.core.testkit.CollectionFacts.promise;
import static cl.cobranza.core.testkit.Days.FEB_1;
import static cl.cobranza.core.testkit.Days.FEB_10;
import static cl.cobranza.core.testkit.Days.FEB_15;
import static cl.cobranza.core.testkit.Days.FEB_9;
import static cl.cobranza.core.testkit.Days.JAN_1;
import static cl.cobranza.core.testkit.Days.JAN_31;
import static cl.cobranza.core.testkit.Days.MAR_1;
import static cl.cobranza.core.testkit.Facts.creditNote;
import static cl.cobranza.core.testkit.Facts.payment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One invoice as the risk model sees it: built from live state, balances as of a day, settlement, promises. */
class DebtorInvoiceTest {

    @Test
    void fromStateKeepsLiveFactsOnlyAndDefaultsTheDueDate() {
        InvoiceState s = new InvoiceState();
        s.apply(cl.cobranza.core.testkit.Facts.invoice("1").issued(JAN_1).due(null).total(1_000_000).at(1));
        s.apply(payment("p1").of(400_000).on(FEB_9).at(2));
        s.apply(payment("p2").of(600_000).on(FEB_10).reversed().at(3)); // a bounced cheque
        s.apply(creditNote("c1").of(100_000).on(FEB_1).at(4));
        s.apply(action("a1").call(3).outcome(Outcome.PROMISED_TO_PAY).on(FEB_9).at(5));
        s.apply(action("a2").call(3).outcome(Outcome.NO_ANSWER).on(FEB_10).deleted().at(6));
        s.apply(promise("pr1").madeOn(FEB_9).promised(FEB_15).of(500_000).at(7));

        DebtorInvoice d = DebtorInvoice.from("1", s);

        assertThat(d.dueDate()).isEqualTo(JAN_31); // issue date + 30 (Ley 21.131)
        assertThat(d.movements()).containsExactly(new Movement(FEB_1, Movement.Kind.CREDIT_NOTE, 100_000),
                new Movement(FEB_9, Movement.Kind.PAYMENT, 400_000));
        assertThat(d.contacts()).hasSize(1);
        assertThat(d.promises()).containsExactly(new PromiseToPay(FEB_9, FEB_15, 500_000));
        assertThat(d.openClpAsOf(MAR_1)).isEqualTo(1_000_000 - 100_000 - 400_000);
        assertThat(d.openClpAsOf(FEB_1)).isEqualTo(900_000);
        assertThat(d.openClpAsOf(JAN_1.minusDays(1))).as("before issue").isZero();
    }

    @Test
    void anInvoiceThatIsNotLiveCannotBeScored() {
        assertThatThrownBy(() -> DebtorInvoice.from("9", new InvoiceState()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invoice 9");
    }

    @Test
    void settledByPaymentIsTheDayAPaymentClosedIt() {
        DebtorInvoice paid = invoice("A").issued(JAN_1).due(JAN_31).total(1_000)
                .paid(FEB_1, 400).credited(FEB_9, 100).paid(FEB_10, 500).build();
        assertThat(paid.settledByPaymentOn(MAR_1)).isEqualTo(FEB_10);
        assertThat(paid.settledByPaymentOn(FEB_9)).as("still open then").isNull();

        DebtorInvoice cancelled = invoice("B").issued(JAN_1).due(JAN_31).total(1_000)
                .paid(FEB_1, 400).credited(FEB_9, 600).build();
        assertThat(cancelled.settledByPaymentOn(MAR_1)).as("closed by a credit note").isNull();
    }

    @Test
    void aPromiseIsKeptByPaymentsFromItsDayToItsDatePlusGrace() {
        LocalDate promised = FEB_10;
        PromiseToPay p = new PromiseToPay(FEB_1, promised, 500);
        DebtorInvoice onGraceDay = invoice("A").issued(JAN_1).due(JAN_31).total(1_000)
                .paid(promised.plusDays(3), 500).build();
        DebtorInvoice late = invoice("A").issued(JAN_1).due(JAN_31).total(1_000)
                .paid(promised.plusDays(4), 500).build();
        DebtorInvoice before = invoice("A").issued(JAN_1).due(JAN_31).total(1_000)
                .paid(JAN_31, 500).build();
        assertThat(onGraceDay.isKept(p, 3)).isTrue();
        assertThat(late.isKept(p, 3)).isFalse();
        assertThat(before.isKept(p, 3)).as("paid before the promise was made").isFalse();
    }
}
