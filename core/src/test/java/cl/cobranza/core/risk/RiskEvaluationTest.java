package cl.cobranza.core.risk;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** AUC, Brier and calibration on examples small enough to compute by hand. */
class RiskEvaluationTest {

    @Test
    void aucCountsPairsWhereThePaidItemScoresHigherTiesHalf() {
        // positives 0.35, 0.8, 0.4; negatives 0.1, 0.4. Pairs (pos vs neg):
        // 0.35: beats 0.1 (1), loses to 0.4 (0); 0.8: 1, 1; 0.4: beats 0.1 (1), ties 0.4 (½) → 4.5 / 6 = 0.75
        double[] scores = {0.1, 0.4, 0.35, 0.8, 0.4};
        boolean[] paid = {false, false, true, true, true};
        assertThat(RiskEvaluation.auc(scores, paid)).isCloseTo(0.75, within(1e-12));
        double[] reversed = {-0.1, -0.4, -0.35, -0.8, -0.4};
        assertThat(RiskEvaluation.auc(reversed, paid)).as("the other orientation").isCloseTo(0.25, within(1e-12));
    }

    @Test
    void aucIsHalfWhenEverythingTiesAndUndefinedWithOneClass() {
        assertThat(RiskEvaluation.auc(new double[] {1, 1, 1}, new boolean[] {true, false, true})).isEqualTo(0.5);
        assertThat(RiskEvaluation.auc(new double[] {1, 2}, new boolean[] {true, true})).isNaN();
    }

    @Test
    void brierIsTheMeanSquaredError() {
        // (0.1² + 0.2² + 0.5² + 0.7²) / 4 = (0.01 + 0.04 + 0.25 + 0.49) / 4 = 0.1975
        double[] p = {0.9, 0.2, 0.5, 0.7};
        boolean[] y = {true, false, true, false};
        assertThat(RiskEvaluation.brier(p, y)).isCloseTo(0.1975, within(1e-12));
    }

    @Test
    void calibrationGroupsBySortedPrediction() {
        double[] p = {0.9, 0.1, 0.8, 0.2};
        boolean[] y = {true, false, false, false};
        List<RiskEvaluation.CalibrationRow> rows = RiskEvaluation.calibration(p, y, 2);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).count()).isEqualTo(2);
        assertThat(rows.get(0).meanPredicted()).isCloseTo(0.15, within(1e-12)); // 0.1, 0.2
        assertThat(rows.get(0).observedRate()).isEqualTo(0.0);
        assertThat(rows.get(1).meanPredicted()).isCloseTo(0.85, within(1e-12)); // 0.8, 0.9
        assertThat(rows.get(1).observedRate()).isEqualTo(0.5);
    }
}
