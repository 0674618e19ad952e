package cl.cobranza.connectors.demo;

import cl.cobranza.core.risk.DebtorInvoice;
import cl.cobranza.core.risk.RiskEvaluation;
import cl.cobranza.core.risk.RiskTrainer;
import cl.cobranza.core.state.Activity.Movement;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cl.cobranza.connectors.demo.DemoDatabases.TODAY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The risk model trained on generated histories (8 clients, in memory) and evaluated on the held-out last
 * month: it must rank and calibrate better than days past due alone and than amount × days past due. Also
 * checks the conversion of the generated rows.
 */
class RiskModelEvaluationTest {
    private static final int GRACE = 3;

    @Test
    void theConversionKeepsEveryInvoiceAndActionAndLeavesOutBouncedCheques() {
        DemoHistory h = DemoHistory.generate(1, 60, 1500, TODAY, true);
        List<RiskTrainer.DebtorHistory> debtors = RiskHistories.of(1, h);
        long bounced = h.payments.stream().filter(DemoHistory.Payment::reversed).count();
        long paid = h.payments.stream().filter(p -> !p.reversed()).mapToLong(DemoHistory.Payment::amountClp).sum();
        assertThat(bounced).as("the generator bounces some cheques").isPositive();

        long converted = 0;
        int invoices = 0;
        int contacts = 0;
        int promises = 0;
        for (RiskTrainer.DebtorHistory d : debtors) {
            for (DebtorInvoice inv : d.invoices()) {
                invoices++;
                contacts += inv.contacts().size();
                promises += inv.promises().size();
                converted += inv.movements().stream()
                        .filter(m -> m.kind() == Movement.Kind.PAYMENT)
                        .mapToLong(Movement::amountClp).sum();
            }
        }
        assertThat(debtors).hasSize(60);
        assertThat(invoices).isEqualTo(h.invoices.size());
        assertThat(contacts).isEqualTo(h.actions.size());
        assertThat(promises).isEqualTo(h.promises.size());
        assertThat(converted).isEqualTo(paid);
        for (int c = 0; c < 60; c++) {
            assertThat(debtors.get(c).consumer()).isEqualTo(h.customers.get(c).profile().isPerson());
        }
    }

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
