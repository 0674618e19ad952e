package cl.cobranza.core.risk;

import cl.cobranza.core.collection.Channel;
import cl.cobranza.core.collection.Outcome;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static cl.cobranza.core.risk.RiskFacts.invoice;
import static org.assertj.core.api.Assertions.assertThat;

/** A debtor's features as of a day, computed by hand, and the proof that later facts change nothing. */
class DebtorFeaturesTest {
    private static final LocalDate JAN_1 = LocalDate.of(2025, 1, 1);
    private static final LocalDate JAN_25 = LocalDate.of(2025, 1, 25);
    private static final LocalDate JAN_31 = LocalDate.of(2025, 1, 31);
    private static final LocalDate FEB_1 = LocalDate.of(2025, 2, 1);
    private static final LocalDate FEB_5 = LocalDate.of(2025, 2, 5);
    private static final LocalDate FEB_10 = LocalDate.of(2025, 2, 10);
    private static final LocalDate FEB_15 = LocalDate.of(2025, 2, 15);
    private static final LocalDate MAR_1 = LocalDate.of(2025, 3, 1);
    private static final LocalDate MAR_2 = LocalDate.of(2025, 3, 2);
    private static final LocalDate MAR_10 = LocalDate.of(2025, 3, 10);
    private static final LocalDate MAR_15 = LocalDate.of(2025, 3, 15);
    private static final LocalDate MAR_20 = LocalDate.of(2025, 3, 20);
    private static final LocalDate MAR_22 = LocalDate.of(2025, 3, 22);
    private static final LocalDate MAR_25 = LocalDate.of(2025, 3, 25);
    private static final LocalDate MAR_31 = LocalDate.of(2025, 3, 31);
    private static final LocalDate APR_1 = LocalDate.of(2025, 4, 1);
    private static final LocalDate APR_19 = LocalDate.of(2025, 4, 19);
    private static final int GRACE = 3;

    /**
     * A: paid 10 days late. B: paid early. C: $800.000 due Mar 1, $300.000 paid Mar 10 (keeping the promise of
     * Mar 2), promise of Mar 15 for $500.000 by Mar 20 broken, last called Mar 25 without answer. D: not yet due,
     * disputed by e-mail on Mar 22. E: cancelled by a credit note.
     */
    private static List<RiskFacts.Builder> debtor() {
        List<RiskFacts.Builder> b = new ArrayList<>();
        b.add(invoice("A").issued(JAN_1).due(JAN_31).total(1_000_000).paid(FEB_10, 1_000_000));
        b.add(invoice("B").issued(JAN_1).due(JAN_31).total(500_000).paid(JAN_25, 500_000));
        b.add(invoice("C").issued(FEB_1).due(MAR_1).total(800_000).paid(MAR_10, 300_000)
                .promise(MAR_2, MAR_10, 300_000).contact(MAR_2, Channel.CALL, Outcome.PROMISED_TO_PAY)
                .promise(MAR_15, MAR_20, 500_000).contact(MAR_15, Channel.CALL, Outcome.PROMISED_TO_PAY)
                .contact(MAR_25, Channel.CALL, Outcome.NO_ANSWER));
        b.add(invoice("D").issued(MAR_20).due(APR_19).total(200_000).contact(MAR_22, Channel.EMAIL, Outcome.DISPUTED));
        b.add(invoice("E").issued(FEB_1).due(FEB_15).total(300_000).credited(FEB_5, 300_000));
        return b;
    }

    private static List<DebtorInvoice> build(List<RiskFacts.Builder> builders) {
        return builders.stream().map(RiskFacts.Builder::build).toList();
    }

    @Test
    void featuresAsOfADayComputedByHand() {
        DebtorFeatures f = DebtorFeatures.asOf(build(debtor()), true, MAR_31, GRACE);

        assertThat(f.settledCount()).isEqualTo(2);                // A and B; E was cancelled, not paid
        assertThat(f.meanDaysLate()).isEqualTo(5.0);              // (10 + 0) / 2
        assertThat(f.shareLate()).isEqualTo(0.5);
        assertThat(f.trendDays()).as("fewer than 5 settled").isNaN();
        assertThat(f.openClp()).isEqualTo(500_000 + 200_000);     // C and D
        assertThat(f.openCount()).isEqualTo(2);
        assertThat(f.overdueClp()).isEqualTo(500_000);            // C, 30 days past due
        assertThat(f.overdueCount()).isEqualTo(1);
        assertThat(f.promisesKept()).isEqualTo(1);                // Mar 10 payment ≥ $300.000
        assertThat(f.promisesBroken()).isEqualTo(1);              // judged Mar 23, nothing paid after Mar 15
        assertThat(f.disputesRecent()).isEqualTo(1);
        assertThat(f.openDisputes()).isEqualTo(1);                // D is open
        assertThat(f.daysSinceLastContact()).isEqualTo(6);        // Mar 25 → Mar 31
        assertThat(f.lastContactRightParty()).isFalse();          // NO_ANSWER
        assertThat(f.daysSinceLastPayment()).isEqualTo(21);       // Mar 10 → Mar 31
        assertThat(f.consumer()).isTrue();
    }

    @Test
    void aPromiseIsNotJudgedBeforeItsGraceRunsOut() {
        // the Mar 15 promise (by Mar 20) is judged from Mar 23 on
        DebtorFeatures f = DebtorFeatures.asOf(build(debtor()), false, LocalDate.of(2025, 3, 22), GRACE);
        assertThat(f.promisesKept()).isEqualTo(1);
        assertThat(f.promisesBroken()).isZero();
    }

    @Test
    void factsDatedAfterTheDayChangeNothing() {
        DebtorFeatures before = DebtorFeatures.asOf(build(debtor()), true, MAR_31, GRACE);
        List<RiskFacts.Builder> later = debtor();
        later.get(2).paid(APR_1, 500_000).contact(APR_1, Channel.CALL, Outcome.CONTACTED)
                .promise(APR_1, APR_1, 100_000);
        later.get(3).credited(APR_1, 200_000).contact(APR_1, Channel.VISIT, Outcome.DISPUTED);
        later.add(invoice("F").issued(APR_1).due(APR_1).total(9_000_000).paid(APR_1, 1));

        assertThat(DebtorFeatures.asOf(build(later), true, MAR_31, GRACE)).isEqualTo(before);
        assertThat(DebtorFeatures.asOf(build(later), true, APR_1, GRACE)).as("but they count the next day")
                .isNotEqualTo(DebtorFeatures.asOf(build(debtor()), true, APR_1, GRACE));
    }

    @Test
    void trendComparesTheLastThreeSettledWithTheEarlierOnes() {
        List<DebtorInvoice> invoices = new ArrayList<>();
        int[] late = {0, 0, 0, 10, 20, 30}; // in settlement order
        for (int i = 0; i < late.length; i++) {
            LocalDate due = JAN_1.plusDays(10L * i);
            invoices.add(invoice("I" + i).issued(JAN_1).due(due).total(1_000).paid(due.plusDays(late[i]), 1_000).build());
        }
        DebtorFeatures f = DebtorFeatures.asOf(invoices, false, MAR_31, GRACE);
        assertThat(f.trendDays()).isEqualTo(20.0);               // mean(10, 20, 30) − mean(0, 0, 0)
        assertThat(f.meanDaysLate()).isEqualTo(10.0);
        assertThat(f.shareLate()).isEqualTo(0.5);
        assertThat(f.daysSinceLastContact()).isEqualTo(DebtorFeatures.NEVER);
    }
}
