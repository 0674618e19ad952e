package cl.cobranza.core.risk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Bins, scoring, reasons and the text format of the scorecard, on a model whose points are set by hand. */
class RiskModelTest {
    private static final LocalDate MAR_31 = LocalDate.of(2025, 3, 31);

    /** Promises broken, mean days late and the two item features; points chosen to be easy to add up. */
    static RiskModel handModel() {
        return new RiskModel("hand-1", 30, 3, 0.0, List.of(
                new RiskModel.FeatureBins(RiskFeature.MEAN_DAYS_LATE, List.of(1.0, 8.0, 16.0, 31.0, 61.0), true,
                        List.of(0.8, 0.4, 0.0, -0.4, -0.8, -1.2, 0.0), 0.0),
                new RiskModel.FeatureBins(RiskFeature.PROMISES_BROKEN, List.of(1.0, 2.0, 3.0), false,
                        List.of(0.5, 0.0, -0.5, -1.0), -0.1),
                new RiskModel.FeatureBins(RiskFeature.DAYS_PAST_DUE, List.of(16.0, 31.0, 61.0, 91.0, 181.0), false,
                        List.of(1.0, 0.5, 0.0, -0.5, -1.0, -2.0), 0.0),
                new RiskModel.FeatureBins(RiskFeature.OPEN_CLP, List.of(100_000.0, 500_000.0, 2_000_000.0, 10_000_000.0),
                        false, List.of(0.0, 0.0, 0.0, 0.0, 0.0), 0.0)),
                List.of("a model written by hand for tests"));
    }

    /** A debtor that pays 42 days late on average and broke 3 promises. */
    static DebtorFeatures lateDebtor() {
        return new DebtorFeatures(MAR_31, false, 4, 42.0, 1.0, Double.NaN, 1_000_000, 1, 1_000_000, 1, 0, 3, 0, 0,
                25, false, 40);
    }

    @Test
    void aValueFallsInTheBinOfTheEdgesAtOrBelowIt() {
        RiskModel.FeatureBins dpd = handModel().bins(RiskFeature.DAYS_PAST_DUE);
        assertThat(dpd.binOf(1)).isZero();
        assertThat(dpd.binOf(15)).isZero();
        assertThat(dpd.binOf(16)).isEqualTo(1);
        assertThat(dpd.binOf(30)).isEqualTo(1);
        assertThat(dpd.binOf(31)).isEqualTo(2);
        assertThat(dpd.binOf(181)).isEqualTo(5);
        assertThatThrownBy(() -> dpd.binOf(Double.NaN)).hasMessageContaining("no missing bin");
        RiskModel.FeatureBins late = handModel().bins(RiskFeature.MEAN_DAYS_LATE);
        assertThat(late.binOf(Double.NaN)).as("missing is the last bin").isEqualTo(6);
        assertThat(dpd.bins().get(0)).isEqualTo(new RiskModel.Bin(0, null, 16.0, false, 1.0));
        assertThat(dpd.bins().get(5)).isEqualTo(new RiskModel.Bin(5, 181.0, null, false, -2.0));
        assertThat(late.bins().get(6)).isEqualTo(new RiskModel.Bin(6, null, null, true, 0.0));
    }

    @Test
    void scoreAddsThePointsAndExplainsThemLargestEffectFirst() {
        // logit = 0 − 0.8 (42 days late) − 1.0 (3 broken) − 0.5 (62 days past due) + 0 ($1.000.000) = −2.3
        RiskScore s = handModel().score(lateDebtor(), 62, 1_000_000);
        double p = 1 / (1 + Math.exp(2.3));
        assertThat(s.probability()).isCloseTo(p, within(1e-12));
        assertThat(s.expectedRecoveryClp()).isEqualTo(Math.round(p * 1_000_000)); // 91.123
        assertThat(s.expectedRecoveryClp()).isEqualTo(91_123);
        // impacts against each feature's average: −1.0 − (−0.1) = −0.9, −0.8, −0.5, 0
        assertThat(s.reasons()).extracting(RiskScore.Reason::text).containsExactly("3 promesas incumplidas",
                "paga en promedio 42 días tarde", "62 días vencida", "saldo de $1.000.000");
        assertThat(s.reasons().get(0).impact()).isCloseTo(-0.9, within(1e-12));
        assertThat(s.loweringReasons(2)).extracting(RiskScore.Reason::feature)
                .containsExactly(RiskFeature.PROMISES_BROKEN, RiskFeature.MEAN_DAYS_LATE);
    }

    @Test
    void theDebtorPartAndTheItemPartAddUpToTheScore() {
        RiskModel m = handModel();
        double logit = m.debtorLogit(lateDebtor()) + m.itemPoints(62, 1_000_000);
        assertThat(RiskModel.probability(logit)).isCloseTo(m.score(lateDebtor(), 62, 1_000_000).probability(), within(1e-12));
        assertThat(m.debtorLogit(lateDebtor())).isCloseTo(-1.8, within(1e-12));
        assertThat(m.itemPoints(62, 1_000_000)).isCloseTo(-0.5, within(1e-12));
    }

    @Test
    void reasonsReadInSpanishFromTheActualValues() {
        assertThat(RiskFeature.PROMISES_BROKEN.describe(1)).isEqualTo("1 promesa incumplida");
        assertThat(RiskFeature.DAYS_SINCE_CONTACT.describe(25)).isEqualTo("sin contacto hace 25 días");
        assertThat(RiskFeature.DAYS_SINCE_CONTACT.describe(Double.NaN)).isEqualTo("nunca contactado");
        assertThat(RiskFeature.OPEN_DISPUTES.describe(1)).isEqualTo("disputa abierta");
        assertThat(RiskFeature.MEAN_DAYS_LATE.describe(0)).isEqualTo("paga a tiempo");
        assertThat(RiskFeature.MEAN_DAYS_LATE.describe(Double.NaN)).isEqualTo("sin historial de pagos");
        assertThat(RiskFeature.OVERDUE_CLP.describe(2_500_000)).isEqualTo("deuda vencida de $2.500.000");
        assertThat(RiskFeature.DAYS_PAST_DUE.describe(1)).isEqualTo("1 día vencida");
    }

    @Test
    void theTextFormatRoundTrips(@TempDir Path dir) {
        RiskModel m = handModel();
        String text = m.write();
        assertThat(text).startsWith(RiskModel.FORMAT + "\n# a model written by hand for tests\nversion hand-1\n");
        assertThat(text).contains("bin DAYS_PAST_DUE 2 31 61 0.0\n", "bin MEAN_DAYS_LATE missing - - 0.0\n",
                "feature PROMISES_BROKEN DEBTOR average -0.1\n");
        RiskModel back = RiskModel.parse(text);
        assertThat(back.write()).isEqualTo(text);
        assertThat(back.version()).isEqualTo("hand-1");
        assertThat(back.notes()).containsExactly("a model written by hand for tests");
        assertThat(back.features()).isEqualTo(m.features());
        assertThat(back.score(lateDebtor(), 62, 1_000_000)).isEqualTo(m.score(lateDebtor(), 62, 1_000_000));

        Path file = dir.resolve("model.txt");
        m.save(file);
        assertThat(RiskModel.load(file).write()).isEqualTo(text);
    }

    @Test
    void aBrokenFileFailsNamingTheLine() {
        String text = handModel().write().replace("bin DAYS_PAST_DUE 2 31 61", "bin DAYS_PAST_DUE 2 30 61");
        assertThatThrownBy(() -> RiskModel.parse(text)).hasMessageContaining("risk model line")
                .hasMessageContaining("previous ended at 31");
        assertThatThrownBy(() -> RiskModel.parse("hello")).hasMessageContaining(RiskModel.FORMAT);
        String noItem = handModel().write().replaceAll("(?m)^(feature|bin) OPEN_CLP.*\n", "");
        assertThatThrownBy(() -> RiskModel.parse(noItem)).hasMessageContaining("OPEN_CLP");
    }

    @Test
    void theBundledModelLoadsWithEveryFeatureAndScoresAnItem() {
        RiskModel m = RiskModel.bundled();
        assertThat(m.version()).isEqualTo("risk-v1");
        assertThat(m.horizonDays()).isEqualTo(30);
        assertThat(m.notes()).anyMatch(n -> n.contains("SYNTHETIC"));
        assertThat(m.features()).extracting(RiskModel.FeatureBins::feature).containsExactly(RiskFeature.values());
        assertThat(RiskModel.parse(m.write()).write()).isEqualTo(m.write());
        RiskScore s = m.score(lateDebtor(), 62, 1_000_000);
        assertThat(s.probability()).isBetween(0.0, 1.0);
        assertThat(s.reasons()).hasSize(RiskFeature.values().length);
    }
}
