package cl.cobranza.core.risk;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Newton / IRLS fit on hand examples whose optimum is known. */
class LogisticFitTest {

    @Test
    void oneBinaryColumnRecoversTheLogOddsOfEachGroup() {
        // x = 0: 1 paid of 4 → log-odds log(1/3); x = 1: 3 paid of 4 → log-odds log 3; slope = log 3 − log(1/3) = 2 log 3
        double[][] x = {{0}, {0}, {0}, {0}, {1}, {1}, {1}, {1}};
        boolean[] y = {true, false, false, false, true, true, true, false};
        LogisticFit.Result r = LogisticFit.fit(x, y, 1e-9);
        assertThat(r.converged()).isTrue();
        assertThat(r.intercept()).isCloseTo(Math.log(1.0 / 3), within(1e-6));
        assertThat(r.weight(0)).isCloseTo(2 * Math.log(3), within(1e-6));
    }

    @Test
    void separableDataConvergesToFiniteWeightsThanksToThePenalty() {
        // perfectly separated at 0: without a penalty the slope would grow without bound
        double[][] x = {{-2}, {-1}, {1}, {2}};
        boolean[] y = {false, false, true, true};
        double lambda = 1.0;
        LogisticFit.Result r = LogisticFit.fit(x, y, lambda);
        assertThat(r.converged()).isTrue();
        assertThat(r.iterations()).isLessThan(30);
        assertThat(r.intercept()).as("symmetric data").isCloseTo(0, within(1e-9));
        double w = r.weight(0);
        assertThat(w).isPositive().isLessThan(10);
        // at the optimum the penalised score is zero: Σ x (y − p) = λ w
        double score = 0;
        for (int i = 0; i < x.length; i++) {
            score += x[i][0] * ((y[i] ? 1 : 0) - RiskModel.probability(w * x[i][0]));
        }
        assertThat(score).isCloseTo(lambda * w, within(1e-9));
    }
}
