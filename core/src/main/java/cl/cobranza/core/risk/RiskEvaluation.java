package cl.cobranza.core.risk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Held-out evaluation of the risk model against two baselines, days past due alone and open amount × days past
 * due: AUC (Mann-Whitney), Brier score and a calibration table by deciles of the predicted probability.
 *
 * <p>A baseline is a single score. For AUC it is ranked as is in the orientation its one-variable logistic fit
 * on the training set chooses (the fitted slope's sign); the AUC of the opposite orientation is 1 − that.
 * For Brier and calibration the baseline's probability is that one-variable logistic on log(1 + score).
 */
public final class RiskEvaluation {
    private RiskEvaluation() {
    }

    /** One decile (or group) of predictions: how many, mean predicted probability, observed rate of paid. */
    public record CalibrationRow(int group, int count, double meanPredicted, double observedRate) {
    }

    /** The figures of one scorer on the held-out examples. */
    public record Result(String name, double auc, double brier, List<CalibrationRow> calibration) {
    }

    /** The evaluation: sizes and base rates of both sets, then the model and the two baselines. */
    public record Report(int trainCount, double trainPaidRate, int holdoutCount, double holdoutPaidRate,
                         Result model, Result daysPastDue, Result amountTimesDaysPastDue, String baselineOrientation) {
        /** The report as a plain-text table, for a terminal or docs/risk-model.md. */
        public String text() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "train: %d examples, paid within horizon %.3f%n", trainCount, trainPaidRate));
            sb.append(String.format(Locale.ROOT, "held out: %d examples, paid within horizon %.3f%n", holdoutCount, holdoutPaidRate));
            sb.append(baselineOrientation).append('\n');
            sb.append(String.format(Locale.ROOT, "%-28s %7s %7s%n", "scorer", "AUC", "Brier"));
            for (Result r : List.of(model, daysPastDue, amountTimesDaysPastDue)) {
                sb.append(String.format(Locale.ROOT, "%-28s %7.4f %7.4f%n", r.name(), r.auc(), r.brier()));
            }
            for (Result r : List.of(model, daysPastDue, amountTimesDaysPastDue)) {
                sb.append("\ncalibration, ").append(r.name()).append(" (deciles of predicted probability)\n");
                sb.append(String.format(Locale.ROOT, "%6s %7s %10s %9s%n", "decile", "count", "predicted", "observed"));
                for (CalibrationRow c : r.calibration()) {
                    sb.append(String.format(Locale.ROOT, "%6d %7d %10.3f %9.3f%n", c.group(), c.count(),
                            c.meanPredicted(), c.observedRate()));
                }
            }
            return sb.toString();
        }
    }

    /**
     * Area under the ROC curve as the Mann-Whitney statistic: the share of (positive, negative) pairs in which
     * the positive scores higher, ties counted half. NaN without positives or without negatives.
     */
    public static double auc(double[] scores, boolean[] labels) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        // average ranks (1-based) over ties; AUC = (Σ ranks of positives − P(P+1)/2) / (P·N)
        double positiveRanks = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double rank = (i + 1 + j + 1) / 2.0;
            for (int k = i; k <= j; k++) {
                if (labels[order[k]]) {
                    positiveRanks += rank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (positiveRanks - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** Mean squared difference between the predicted probability and the outcome (1 paid, 0 not). */
    public static double brier(double[] probabilities, boolean[] labels) {
        double sum = 0;
        for (int i = 0; i < probabilities.length; i++) {
            double d = probabilities[i] - (labels[i] ? 1 : 0);
            sum += d * d;
        }
        return sum / probabilities.length;
    }

    /**
     * Predictions sorted by probability and cut into {@code groups} groups of (nearly) equal size: per group,
     * its count, mean predicted probability and observed rate.
     */
    public static List<CalibrationRow> calibration(double[] probabilities, boolean[] labels, int groups) {
        int n = probabilities.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> probabilities[i]));
        List<CalibrationRow> rows = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            int from = (int) ((long) n * g / groups);
            int to = (int) ((long) n * (g + 1) / groups);
            if (to == from) {
                continue;
            }
            double predicted = 0;
            int paid = 0;
            for (int k = from; k < to; k++) {
                predicted += probabilities[order[k]];
                paid += labels[order[k]] ? 1 : 0;
            }
            rows.add(new CalibrationRow(g + 1, to - from, predicted / (to - from), (double) paid / (to - from)));
        }
        return rows;
    }

    /** Evaluates the model and both baselines on the split's held-out examples; baselines fitted on its train. */
    public static Report evaluate(RiskModel model, RiskTrainer.Split split) {
        List<RiskTrainer.Example> test = split.holdout();
        boolean[] y = labels(test);
        double[] p = new double[test.size()];
        for (int i = 0; i < p.length; i++) {
            RiskTrainer.Example e = test.get(i);
            p[i] = RiskModel.probability(model.debtorLogit(e.features()) + model.itemPoints(e.daysPastDue(), e.openClp()));
        }
        Result m = new Result("model " + model.version(), auc(p, y), brier(p, y), calibration(p, y, 10));
        Baseline dpd = baseline("days past due", e -> e.daysPastDue(), split);
        Baseline amountDpd = baseline("open CLP × days past due", e -> (double) e.openClp() * e.daysPastDue(), split);
        String orientation = String.format(Locale.ROOT,
                "baseline orientation (from the training fit): days past due slope %.3f, amount × days slope %.3f "
                        + "(negative: a higher score means less likely to pay, so it is ranked reversed); "
                        + "AUC of the raw score ranked as is: %.4f and %.4f",
                dpd.slope, amountDpd.slope, dpd.rawAuc, amountDpd.rawAuc);
        return new Report(split.train().size(), rate(labels(split.train())), test.size(), rate(y), m, dpd.result,
                amountDpd.result, orientation);
    }

    private record Baseline(Result result, double slope, double rawAuc) {
    }

    private static Baseline baseline(String name, ToDoubleFunction<RiskTrainer.Example> score, RiskTrainer.Split split) {
        List<RiskTrainer.Example> train = split.train();
        double[][] x = new double[train.size()][1];
        for (int i = 0; i < x.length; i++) {
            x[i][0] = Math.log1p(score.applyAsDouble(train.get(i)));
        }
        LogisticFit.Result fit = LogisticFit.fit(x, labels(train), 1e-6);
        List<RiskTrainer.Example> test = split.holdout();
        boolean[] y = labels(test);
        double[] raw = new double[test.size()];
        double[] p = new double[test.size()];
        for (int i = 0; i < p.length; i++) {
            raw[i] = score.applyAsDouble(test.get(i));
            p[i] = RiskModel.probability(fit.intercept() + fit.weight(0) * Math.log1p(raw[i]));
        }
        double rawAuc = auc(raw, y);
        // the fitted probability is monotone in the score, so its AUC is the raw one in the fitted orientation
        return new Baseline(new Result(name, auc(p, y), brier(p, y), calibration(p, y, 10)), fit.weight(0), rawAuc);
    }

    private static boolean[] labels(List<RiskTrainer.Example> examples) {
        boolean[] y = new boolean[examples.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = examples.get(i).paid();
        }
        return y;
    }

    private static double rate(boolean[] y) {
        int paid = 0;
        for (boolean b : y) {
            paid += b ? 1 : 0;
        }
        return y.length == 0 ? Double.NaN : (double) paid / y.length;
    }
}
