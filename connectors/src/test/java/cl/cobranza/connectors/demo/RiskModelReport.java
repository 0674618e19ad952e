package cl.cobranza.connectors.demo;

import cl.cobranza.core.risk.RiskTrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * Trains the risk model on a large generated history and prints its full held-out report (AUC, Brier and
 * calibration of the model and both baselines); writes the trained model and the report. This is how the
 * bundled {@code core/src/main/resources/risk/model-v1.txt} was made (docs/risk-model.md):
 *
 * <pre>
 * ./mvnw -B -o -pl core,connectors test -Dtest=RiskModelReport -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Drisk.report.model=$PWD/core/src/main/resources/risk/model-v1.txt
 * </pre>
 *
 * The report goes to {@code connectors/target/risk-model-report.txt}. Without {@code risk.report.model} the
 * test is skipped, so {@code -Dtest='Risk*'} in CI does not run it.
 */
class RiskModelReport {
    static final String VERSION = "risk-v1";
    static final int CLIENTS = 20;
    static final int CUSTOMERS = 120;
    static final int INVOICES = 4000;
    static final int GRACE = 3;
    /** A fixed "today" so that the same command writes the same model. */
    static final LocalDate TODAY = DemoDatabases.TODAY;

    @Test
    @EnabledIfSystemProperty(named = "risk.report.model", matches = ".+")
    void trainEvaluateAndWrite() throws IOException {
        main(new String[] {System.getProperty("risk.report.model"), "target/risk-model-report.txt"});
    }

    /** Arguments: where to write the model, where to write the report. */
    public static void main(String[] args) throws IOException {
        long t0 = System.nanoTime();
        List<RiskTrainer.Example> examples = RiskHistories.examples(CLIENTS, CUSTOMERS, INVOICES, TODAY, GRACE);
        String data = String.format("%d generated clients (seeds 1-%d) x %d debtors x %d invoices, with collection work,"
                + " history %s to %s", CLIENTS, CLIENTS, CUSTOMERS, INVOICES,
                TODAY.minusDays(DemoHistory.HISTORY_DAYS), TODAY);
        RiskTrainer.Run run = RiskHistories.run(examples, VERSION, GRACE, split -> List.of(
                "cobranza risk model " + VERSION + ": P(an overdue item's open balance is fully paid within 30 days)",
                "trained by RiskModelReport (connectors tests) on SYNTHETIC data: " + data,
                "training observations weekly from " + first(split.train()) + " to " + last(split.train())
                        + " (" + split.train().size() + " items); held out " + split.holdoutFrom() + " to "
                        + split.holdoutTo() + " (" + split.holdout().size() + " items)",
                "promise grace " + GRACE + " days;"
                        + " see docs/risk-model.md for the label, features, evaluation and limits"));
        String report = "risk model report: " + data + "\n"
                + "held-out observations " + run.split().holdoutFrom() + " to " + run.split().holdoutTo() + "\n"
                + run.report().text();
        System.out.println(report);
        Path model = Path.of(args[0]);
        run.model().save(model);
        Files.writeString(Path.of(args[1]), report, StandardCharsets.UTF_8);
        System.out.printf("model written to %s, report to %s, in %d ms%n", model.toAbsolutePath(),
                Path.of(args[1]).toAbsolutePath(), (System.nanoTime() - t0) / 1_000_000);
    }

    private static LocalDate first(List<RiskTrainer.Example> examples) {
        return examples.stream().map(RiskTrainer.Example::asOf).min(LocalDate::compareTo).orElseThrow();
    }

    private static LocalDate last(List<RiskTrainer.Example> examples) {
        return examples.stream().map(RiskTrainer.Example::asOf).max(LocalDate::compareTo).orElseThrow();
    }
}
