package cl.cobranza.core.ledger;

import cl.cobranza.core.collection.Channel;
import cl.cobranza.core.collection.ClientTerms;
import cl.cobranza.core.collection.Outcome;
import cl.cobranza.core.events.ActionRecorded;
import cl.cobranza.core.events.CanonicalEvent;
import cl.cobranza.core.events.PromiseChanged;
import cl.cobranza.core.kpi.DailyKpis;
import cl.cobranza.core.kpi.MonthlyKpis;
import cl.cobranza.core.state.InvoiceState;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;

import static cl.cobranza.core.testkit.Days.FEB_1;
import static cl.cobranza.core.testkit.Days.FEB_10;
import static cl.cobranza.core.testkit.Days.FEB_15;
import static cl.cobranza.core.testkit.Days.FEB_28;
import static cl.cobranza.core.testkit.Days.JAN_1;
import static cl.cobranza.core.testkit.Days.JAN_20;
import static cl.cobranza.core.testkit.Days.JAN_31;
import static cl.cobranza.core.testkit.Days.MAR_31;
import static cl.cobranza.core.testkit.Facts.CLIENT;
import static cl.cobranza.core.testkit.Facts.creditNote;
import static cl.cobranza.core.testkit.Facts.invoice;
import static cl.cobranza.core.testkit.Facts.payment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The incremental ledger against hand-computed values, fed the way the Flink operator feeds it. */
class ClientLedgerTest {
    private final ClientLedger ledger = new ClientLedger(ClientTerms.defaults());
    private final Map<String, InvoiceState> invoices = new HashMap<>();

    private void apply(CanonicalEvent e) {
        InvoiceState state = invoices.computeIfAbsent(e.invoiceId(), id -> new InvoiceState());
        InvoiceState before = InvoiceState.decode(state.encode());
        if (state.apply(e)) {
            ledger.replace(before.isEmpty() ? null : before, InvoiceState.decode(state.encode()));
        }
    }

    @Test
    void balancesAgingAndWeightedDaysPastDueAsOfEachDay() {
        apply(invoice("1").issued(JAN_1).due(JAN_31).total(1_000_000).at(1));
        apply(payment("p1").of(400_000).on(FEB_10).to("1").at(2));

        DailyKpis jan31 = ledger.daily(CLIENT, JAN_31);   // due today: open, not overdue
        assertThat(jan31.openClp()).isEqualTo(1_000_000);
        assertThat(jan31.overdueClp()).isZero();
        assertThat(jan31.agingClp()).containsExactly(1_000_000, 0, 0, 0, 0, 0);
        assertThat(jan31.salesClp()).isZero();
        assertThat(ledger.daily(CLIENT, JAN_1).salesClp()).isEqualTo(1_000_000);

        DailyKpis feb9 = ledger.daily(CLIENT, LocalDate.of(2025, 2, 9)); // DPD 9, nothing paid yet
        assertThat(feb9.overdueClp()).isEqualTo(1_000_000);
        assertThat(feb9.overdueInvoices()).isEqualTo(1);
        assertThat(feb9.agingClp()).containsExactly(0, 1_000_000, 0, 0, 0, 0);
        assertThat(feb9.weightedDpd()).isEqualTo(9.0);

        DailyKpis feb10 = ledger.daily(CLIENT, FEB_10);   // 600,000 open, DPD 10
        assertThat(feb10.openClp()).isEqualTo(600_000);
        assertThat(feb10.collectedClp()).isEqualTo(400_000);
        assertThat(feb10.overdueClpDays()).isEqualTo(6_000_000);

        DailyKpis mar3 = ledger.daily(CLIENT, LocalDate.of(2025, 3, 3)); // DPD 31: second bucket
        assertThat(mar3.agingClp()).containsExactly(0, 0, 600_000, 0, 0, 0);
        assertThat(ledger.daily(CLIENT, LocalDate.of(2024, 12, 31)).openClp()).isZero();
    }

    @Test
    void aBackdatedPaymentRewritesPastDaysAndMonths() {
        apply(invoice("1").issued(JAN_1).due(JAN_31).total(1_000_000).at(1));
        apply(payment("p1").of(400_000).on(FEB_10).to("1").at(2));
        ClientLedger.Emission first = ledger.drain(CLIENT, MAR_31, 1_000);
        assertThat(first.daily()).hasSize(90);            // Jan 1 .. Mar 31
        assertThat(first.daily().get(0).day()).isEqualTo(JAN_1);
        assertThat(first.monthly()).extracting(MonthlyKpis::month)
                .containsExactly(YearMonth.of(2025, 1), YearMonth.of(2025, 2), YearMonth.of(2025, 3));

        // a payment dated Jan 20 arrives now: rows from Jan 20 on change, nothing before
        apply(payment("p0").of(100_000).on(JAN_20).to("1").at(3));
        ClientLedger.Emission second = ledger.drain(CLIENT, MAR_31, 2_000);
        assertThat(second.daily().get(0).day()).isEqualTo(JAN_20);
        assertThat(second.daily()).hasSize(71);           // Jan 20 .. Mar 31 = 12 + 28 + 31
        assertThat(second.daily().get(0).openClp()).isEqualTo(900_000);
        assertThat(second.daily().get(0).version()).isGreaterThan(first.daily().get(0).version());

        MonthlyKpis feb = ledger.monthly(CLIENT, YearMonth.of(2025, 2), FEB_28);
        assertThat(feb.arStartClp()).isEqualTo(900_000);  // open on Jan 31 after the Jan 20 payment
        assertThat(feb.arEndClp()).isEqualTo(500_000);
        assertThat(feb.currentArEndClp()).isZero();
        assertThat(feb.cei()).isCloseTo(400_000.0 / 900_000 * 100, within(1e-9)); // (900k + 0 − 500k) ÷ (900k + 0 − 0)
        assertThat(feb.placedStartClp()).isZero();        // not overdue on Jan 31
        assertThat(feb.newlyPlacedClp()).isEqualTo(900_000); // placed Feb 1 with 900,000 open
        assertThat(feb.recoveredClp()).isEqualTo(400_000);
        assertThat(feb.periodRecoveryRate()).isCloseTo(4.0 / 9, within(1e-9));
        assertThat(feb.agencyFeeClp()).isEqualTo(60_000);  // 15 % of 400,000
        assertThat(ledger.cohorts(CLIENT, MAR_31)).singleElement().satisfies(c -> {
            assertThat(c.cohort()).isEqualTo(YearMonth.of(2025, 2));
            assertThat(c.placedClp()).isEqualTo(900_000);
            assertThat(c.recoveredClp()).containsExactly(400_000, 400_000, 400_000, 400_000, 400_000);
        });
        assertThat(ledger.drain(CLIENT, MAR_31, 3_000).isEmpty()).isTrue();
    }

    @Test
    void aCreditNoteCancellingTheInvoiceIsNotARecoveryAndClosesNothing() {
        apply(invoice("1").issued(JAN_1).due(JAN_31).total(500_000).at(1));
        apply(creditNote("nc1").of(500_000).on(FEB_15).to("1").at(2));
        assertThat(ledger.daily(CLIENT, FEB_15).openClp()).isZero();
        MonthlyKpis feb = ledger.monthly(CLIENT, YearMonth.of(2025, 2), FEB_28);
        assertThat(feb.creditNotesClp()).isEqualTo(500_000);
        assertThat(feb.recoveredClp()).isZero();
        assertThat(feb.closedInvoices()).isZero();        // weight 500,000 − 500,000 = 0: left out
        assertThat(ledger.cohorts(CLIENT, MAR_31)).singleElement()
                .satisfies(c -> assertThat(c.placedClp()).isZero()); // the credit note after placement reduces it
    }

    @Test
    void aReversedPaymentReopensTheBalanceAndUndoesTheClose() {
        apply(invoice("1").issued(JAN_1).due(JAN_31).total(300_000).at(1));
        apply(payment("p1").of(300_000).on(FEB_10).to("1").at(2));
        assertThat(ledger.monthly(CLIENT, YearMonth.of(2025, 2), FEB_28).closedInvoices()).isEqualTo(1);
        assertThat(ledger.monthly(CLIENT, YearMonth.of(2025, 2), FEB_28).weightedDpdAtClose()).isEqualTo(10.0);
        apply(payment("p1").of(300_000).on(FEB_10).to("1").reversed().at(3));
        assertThat(ledger.daily(CLIENT, FEB_15).openClp()).isEqualTo(300_000);
        assertThat(ledger.monthly(CLIENT, YearMonth.of(2025, 2), FEB_28).closedInvoices()).isZero();
        assertThat(ledger.monthly(CLIENT, YearMonth.of(2025, 2), FEB_28).recoveredClp()).isZero();
    }

    @Test
    void actionsAndPromisesCostAndCount() {
        apply(invoice("1").issued(JAN_1).due(JAN_31).total(300_000).at(1));
        apply(new ActionRecorded(CLIENT, "a1", "1", FEB_1, Channel.CALL, Outcome.PROMISED_TO_PAY, 4, false, 1));
        apply(new ActionRecorded(CLIENT, "a2", "1", FEB_10, Channel.SMS, Outcome.DELIVERED, 0, false, 2));
        apply(new ActionRecorded(CLIENT, "a3", "1", FEB_15, Channel.VISIT, Outcome.NO_ANSWER, 30, false, 3));
        apply(new PromiseChanged(CLIENT, "pr1", "1", FEB_1, FEB_10, 100_000, false, 4));
        apply(payment("p1").of(100_000).on(LocalDate.of(2025, 2, 13)).to("1").at(5)); // within 3 grace days
        MonthlyKpis feb = ledger.monthly(CLIENT, YearMonth.of(2025, 2), FEB_28);
        // call: 4 min × 120 + 4 × 250 = 1,480; sms: 30; visit: 12,000 + 30 × 250 = 19,500
        assertThat(feb.actionCostClp()).isEqualTo(21_010);
        assertThat(feb.actions()).isEqualTo(3);
        assertThat(feb.invoicesWorked()).isEqualTo(1);
        assertThat(feb.contactAttempts()).isEqualTo(2);
        assertThat(feb.rightPartyContacts()).isEqualTo(1);
        assertThat(feb.promisesDue()).isEqualTo(1);
        assertThat(feb.promisesKept()).isEqualTo(1);
        assertThat(feb.agencyFeeClp()).isEqualTo(15_000);
        assertThat(feb.costPerInvoice()).isEqualTo(36_010.0);
        // a promise not yet past its grace on the period end is not judged
        MonthlyKpis feb11 = ledger.monthly(CLIENT, YearMonth.of(2025, 2), LocalDate.of(2025, 2, 12));
        assertThat(feb11.promisesDue()).isZero();
    }

    @Test
    void encodeDecodeKeepsEverythingAndOtherTermsAskForARebuild() {
        apply(invoice("1").issued(JAN_1).due(JAN_31).total(1_000_000).at(1));
        apply(payment("p1").of(400_000).on(FEB_10).to("1").at(2));
        byte[] bytes = ledger.encode();
        ClientLedger copy = ClientLedger.decode(bytes, ClientTerms.defaults());
        assertThat(copy.daily(CLIENT, FEB_15)).usingRecursiveComparison().isEqualTo(ledger.daily(CLIENT, FEB_15));
        assertThat(copy.monthly(CLIENT, YearMonth.of(2025, 2), FEB_28))
                .isEqualTo(ledger.monthly(CLIENT, YearMonth.of(2025, 2), FEB_28));
        ClientTerms other = new ClientTerms(java.util.List.of(15, 45), 3, ClientTerms.defaults().unitCostClp(), 250, 1_500);
        assertThat(ClientLedger.decode(bytes, other)).isNull();
    }

    @Test
    void aChangeThatMovesNoKpiLeavesTheLedgerClean() {
        // a payment for an invoice whose header has not arrived: invoice state changes, no KPI does
        apply(payment("p1").of(100_000).on(FEB_10).to("9").at(1));
        assertThat(ledger.isDirty()).isFalse();
        assertThat(ledger.firstDay()).isNull();
    }
}
