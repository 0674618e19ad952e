package cl.cobranza.core.risk;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the risk model's training examples from debtors' histories and fits the scorecard.
 *
 * <p>Label: an item is an invoice with an open balance and at least 1 day past due as of an observation day d;
 * it is <em>paid</em> when the payments on it dated in (d, d + horizon] total at least its open balance as of d
 * (credit notes do not count: they are not money collected). An observation needs d + horizon ≤ the end of the
 * history, so every label is complete.
 */
public final class RiskTrainer {
    /** Days after the observation within which the item must be paid. */
    public static final int HORIZON_DAYS = 30;
    /** Days between observation dates. */
    public static final int STEP_DAYS = 7;
    /** The L2 penalty used for the bundled model. */
    public static final double LAMBDA = 2.0;

    private RiskTrainer() {
    }

    /** One debtor's invoices and whether it is a consumer. */
    public record DebtorHistory(String debtorId, boolean consumer, List<DebtorInvoice> invoices) {
        public DebtorHistory {
            invoices = List.copyOf(invoices);
        }
    }

    /** One overdue open item as of an observation day, with its debtor's features and its label. */
    public record Example(String debtorId, String invoiceId, LocalDate asOf, DebtorFeatures features,
                          long daysPastDue, long openClp, boolean paid) {
    }

    /** Examples split by time: train on earlier observations, hold out the latest. */
    public record Split(List<Example> train, List<Example> holdout, LocalDate holdoutFrom, LocalDate holdoutTo) {
    }

    /**
     * Every overdue open item of every debtor at observation days {@code lastObservation}, lastObservation − step, …
     * down to {@code firstObservation}, where lastObservation = {@code endOfHistory} − horizon.
     */
    public static List<Example> examples(List<DebtorHistory> debtors, LocalDate firstObservation,
                                         LocalDate endOfHistory, int stepDays, int horizonDays, int graceDays) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = endOfHistory.minusDays(horizonDays); !d.isBefore(firstObservation); d = d.minusDays(stepDays)) {
            days.add(0, d);
        }
        List<Example> out = new ArrayList<>();
        for (LocalDate d : days) {
            for (DebtorHistory h : debtors) {
                DebtorFeatures f = null;
                for (DebtorInvoice inv : h.invoices()) {
                    long open = inv.openClpAsOf(d);
                    long dpd = inv.daysPastDue(d);
                    if (open <= 0 || dpd < 1) {
                        continue;
                    }
                    if (f == null) {
                        f = DebtorFeatures.asOf(h.invoices(), h.consumer(), d, graceDays);
                    }
                    boolean paid = inv.paidBetween(d, d.plusDays(horizonDays)) >= open;
                    out.add(new Example(h.debtorId(), inv.id(), d, f, dpd, open, paid));
                }
            }
        }
        return out;
    }

    /**
     * Holds out the observations dated in (lastObservation − holdoutDays, lastObservation]; trains on those whose
     * label window ends before the first held-out observation (asOf + horizon &lt; first held-out day), so no
     * training label looks at a payment dated on or after the first held-out observation.
     */
    public static Split split(List<Example> examples, int holdoutDays, int horizonDays) {
        LocalDate last = null;
        for (Example e : examples) {
            last = last == null || e.asOf().isAfter(last) ? e.asOf() : last;
        }
        if (last == null) {
            throw new IllegalArgumentException("no examples to split: is the history long enough for the horizon?");
        }
        LocalDate holdoutFrom = last.minusDays(holdoutDays - 1L);
        List<Example> train = new ArrayList<>();
        List<Example> holdout = new ArrayList<>();
        LocalDate firstHoldout = null;
        for (Example e : examples) {
            if (!e.asOf().isBefore(holdoutFrom)) {
                holdout.add(e);
                firstHoldout = firstHoldout == null || e.asOf().isBefore(firstHoldout) ? e.asOf() : firstHoldout;
            }
        }
        for (Example e : examples) {
            if (e.asOf().plusDays(horizonDays).isBefore(firstHoldout)) {
                train.add(e);
            }
        }
        return new Split(train, holdout, firstHoldout, last);
    }

    /** The one-hot row of an example over the given features' bins (column offsets in feature order). */
    static double[] encode(List<RiskModel.FeatureBins> bins, DebtorFeatures f, long daysPastDue, long openClp) {
        int width = 0;
        for (RiskModel.FeatureBins b : bins) {
            width += b.size();
        }
        double[] row = new double[width];
        int offset = 0;
        for (RiskModel.FeatureBins b : bins) {
            row[offset + b.binOf(b.feature().valueOf(f, daysPastDue, openClp))] = 1;
            offset += b.size();
        }
        return row;
    }

    /**
     * Fits the scorecard on the examples with every {@link RiskFeature} at its default edges: one-hot bins,
     * L2 penalty {@code lambda}; the notes get a line on the fit; each feature's average is the mean of its points over these examples.
     */
    public static RiskModel fit(List<Example> train, String version, double lambda, int horizonDays, int graceDays,
                                List<String> notes) {
        List<RiskModel.FeatureBins> empty = new ArrayList<>();
        for (RiskFeature f : RiskFeature.values()) {
            empty.add(RiskModel.FeatureBins.empty(f));
        }
        double[][] x = new double[train.size()][];
        boolean[] y = new boolean[train.size()];
        for (int i = 0; i < train.size(); i++) {
            Example e = train.get(i);
            x[i] = encode(empty, e.features(), e.daysPastDue(), e.openClp());
            y[i] = e.paid();
        }
        LogisticFit.Result fit = LogisticFit.fit(x, y, lambda);
        if (!fit.converged()) {
            throw new IllegalStateException("risk model fit did not converge in " + fit.iterations()
                    + " iterations on " + train.size() + " examples: raise λ (" + lambda + ")");
        }
        List<RiskModel.FeatureBins> fitted = new ArrayList<>();
        int offset = 0;
        for (RiskModel.FeatureBins b : empty) {
            List<Double> points = new ArrayList<>();
            double average = 0;
            for (int j = 0; j < b.size(); j++) {
                double w = fit.weight(offset + j);
                points.add(w);
                int count = 0;
                for (double[] row : x) {
                    count += row[offset + j] == 1 ? 1 : 0;
                }
                average += w * count / x.length;
            }
            fitted.add(new RiskModel.FeatureBins(b.feature(), b.edges(), b.missingBin(), points, average));
            offset += b.size();
        }
        List<String> withFit = new ArrayList<>(notes);
        withFit.add("fitted by Newton/IRLS on " + train.size() + " examples, lambda " + lambda + ", converged in "
                + fit.iterations() + " iterations");
        return new RiskModel(version, horizonDays, graceDays, fit.intercept(), fitted, withFit);
    }

    /** A model fitted on a split's training part, with the split and the held-out evaluation. */
    public record Run(Split split, RiskModel model, RiskEvaluation.Report report) {
    }

    /**
     * Holds out the last {@code holdoutDays} of observations, fits on the rest with the defaults ({@link #LAMBDA},
     * {@link #HORIZON_DAYS}) and evaluates on the held-out part; {@code notes} (from the split) go in the model file.
     */
    public static Run train(List<Example> examples, int holdoutDays, String version, int graceDays,
                            java.util.function.Function<Split, List<String>> notes) {
        Split split = split(examples, holdoutDays, HORIZON_DAYS);
        RiskModel model = fit(split.train(), version, LAMBDA, HORIZON_DAYS, graceDays, notes.apply(split));
        return new Run(split, model, RiskEvaluation.evaluate(model, split));
    }
}
