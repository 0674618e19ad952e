package cl.cobranza.core.risk;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static cl.cobranza.core.risk.RiskFacts.invoice;
import static org.assertj.core.api.Assertions.assertThat;

/** The label and the time split of the training set on a hand history. */
class RiskTrainerTest {
    private static final LocalDate JAN_1 = LocalDate.of(2025, 1, 1);
    private static final LocalDate JAN_31 = LocalDate.of(2025, 1, 31);
    private static final LocalDate FEB_1 = LocalDate.of(2025, 2, 1);
    private static final LocalDate FEB_28 = LocalDate.of(2025, 2, 28);
    private static final LocalDate MAR_5 = LocalDate.of(2025, 3, 5);
    private static final LocalDate MAR_10 = LocalDate.of(2025, 3, 10);
    private static final LocalDate APR_30 = LocalDate.of(2025, 4, 30);

    /** A: $1.000 due Jan 31, paid in full Mar 5. B: $500 due Feb 28, $200 paid Mar 10, the rest never. */
    private static List<RiskTrainer.DebtorHistory> history() {
        return List.of(new RiskTrainer.DebtorHistory("d1", false, List.of(
                invoice("A").issued(JAN_1).due(JAN_31).total(1_000).paid(MAR_5, 1_000).build(),
                invoice("B").issued(FEB_1).due(FEB_28).total(500).paid(MAR_10, 200).build())));
    }

    @Test
    void eachOverdueOpenItemAtAnObservationIsOneExampleLabelledByPaymentsWithinTheHorizon() {
        // observations: Mar 31 (Apr 30 − 30) back by 7 days to Feb 3
        List<RiskTrainer.Example> ex = RiskTrainer.examples(history(), FEB_1, APR_30, 7, 30, 3);
        List<String> seen = new ArrayList<>();
        for (RiskTrainer.Example e : ex) {
            seen.add(e.invoiceId() + " " + e.asOf() + " " + e.daysPastDue() + " " + e.openClp() + " " + e.paid());
        }
        assertThat(seen).containsExactly(
                "A 2025-02-03 3 1000 true",   // paid Mar 5 = Feb 3 + 30: inside (Feb 3, Mar 5]
                "A 2025-02-10 10 1000 true",
                "A 2025-02-17 17 1000 true",
                "A 2025-02-24 24 1000 true",
                "A 2025-03-03 31 1000 true",  // B is due Feb 28: 3 days past due
                "B 2025-03-03 3 500 false",   // only $200 of $500 paid by Apr 2
                "B 2025-03-10 10 300 false",  // open $300 after Mar 10's payment; nothing more
                "B 2025-03-17 17 300 false",
                "B 2025-03-24 24 300 false",
                "B 2025-03-31 31 300 false");
    }

    @Test
    void theSplitHoldsOutTheLastObservationsAndTrainsOnlyOnLabelsThatEndBeforeThem() {
        List<RiskTrainer.Example> ex = RiskTrainer.examples(history(), FEB_1, APR_30, 7, 30, 3);
        RiskTrainer.Split split = RiskTrainer.split(ex, 14, 30);
        assertThat(split.holdoutFrom()).isEqualTo(LocalDate.of(2025, 3, 24));
        assertThat(split.holdout()).extracting(RiskTrainer.Example::asOf)
                .containsOnly(LocalDate.of(2025, 3, 24), LocalDate.of(2025, 3, 31));
        // train: asOf + 30 < Mar 24, i.e. asOf ≤ Feb 21
        assertThat(split.train()).extracting(RiskTrainer.Example::asOf)
                .containsExactly(LocalDate.of(2025, 2, 3), LocalDate.of(2025, 2, 10), LocalDate.of(2025, 2, 17));
    }
}
