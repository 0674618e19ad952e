package cl.cobranza.connectors.demo;

import cl.cobranza.core.risk.RiskEvaluation;
import cl.cobranza.core.risk.RiskTrainer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cl.cobranza.connectors.demo.DemoDatabases.TODAY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The risk model trained on generated histories (8 clients, in memory) and evaluated on the held-out last
 * month: it must rank and calibrate better than days past due alone and than amount × days past due.
 */
class RiskModelEvaluationTest {
    private static final int GRACE = 3;

    @Test
    void theModelBeatsBothBaselinesOnHeldOutMonth() {
        long t0 = System.nanoTime();
        List<RiskTrainer.Example> examples = RiskHistories.examples(8, 80, 2500, TODAY, GRACE);
        RiskTrainer.Run run = RiskHistories.run(examples, "test", GRACE, split -> List.of());
        RiskEvaluation.Report r = run.report();
        System.out.println(r.text());
        System.out.printf("built, trained and evaluated in %d ms%n", (System.nanoTime() - t0) / 1_000_000);

        assertThat(r.trainCount()).isGreaterThan(500);
        assertThat(r.holdoutCount()).isGreaterThan(300);
        assertThat(r.model().auc()).isGreaterThan(r.daysPastDue().auc()).isGreaterThan(0.5);
        assertThat(r.model().auc()).isGreaterThan(r.amountTimesDaysPastDue().auc());
        assertThat(r.model().brier()).isLessThan(r.daysPastDue().brier()).isLessThan(r.amountTimesDaysPastDue().brier());
    }
}
