package cl.cobranza.core.risk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A calibrated scorecard for the probability that an overdue item is paid within {@link #horizonDays()} days:
 * logit = intercept + Σ debtor-feature bin points + Σ item-feature bin points. The debtor part can be computed
 * live once per debtor ({@link #debtorLogit}); the item part ({@link #itemPoints}) is two binned lookups, days
 * past due and open balance, that another module can turn into a SQL {@code CASE} from {@link #bins}.
 *
 * <p>Stored as plain text ({@link #write}, {@link #parse}); see docs/risk-model.md for the format.
 */
public final class RiskModel {
    /** First line of every model file. */
    public static final String FORMAT = "format cobranza-risk-model/1";
    /** The model bundled with the platform, trained on generated demo history. */
    public static final String BUNDLED = "/risk/model-v1.txt";

    private final String version;
    private final int horizonDays;
    private final int promiseGraceDays;
    private final double intercept;
    private final Map<RiskFeature, FeatureBins> features;
    private final List<String> notes;

    /**
     * One feature's bins and points: {@code points} has one entry per bin (edges.size() + 1, plus the missing bin
     * last when {@code missingBin}); {@code average} is the mean of its points over the training examples.
     */
    public record FeatureBins(RiskFeature feature, List<Double> edges, boolean missingBin, List<Double> points,
                              double average) {
        public FeatureBins {
            Objects.requireNonNull(feature, "feature");
            edges = List.copyOf(edges);
            points = List.copyOf(points);
            for (int i = 1; i < edges.size(); i++) {
                if (!(edges.get(i) > edges.get(i - 1))) {
                    throw new IllegalArgumentException(feature + ": bin edges must increase: " + edges);
                }
            }
            if (points.size() != binCount(edges.size(), missingBin)) {
                throw new IllegalArgumentException(feature + ": " + points.size() + " points for "
                        + binCount(edges.size(), missingBin) + " bins");
            }
        }

        static int binCount(int edges, boolean missingBin) {
            return edges + 1 + (missingBin ? 1 : 0);
        }

        /** Bins of a feature with its default edges and zero points (training starts from here). */
        static FeatureBins empty(RiskFeature f) {
            List<Double> edges = new ArrayList<>();
            for (double e : f.defaultEdges()) {
                edges.add(e);
            }
            List<Double> zeros = new ArrayList<>();
            for (int i = 0; i < binCount(edges.size(), f.canBeMissing()); i++) {
                zeros.add(0.0);
            }
            return new FeatureBins(f, edges, f.canBeMissing(), zeros, 0);
        }

        /** Number of bins, the missing one included. */
        public int size() {
            return points.size();
        }

        /** The bin of a value: the number of edges ≤ value, or the missing bin (last) for NaN. */
        public int binOf(double value) {
            if (Double.isNaN(value)) {
                if (!missingBin) {
                    throw new IllegalArgumentException(feature + " has no missing bin, got NaN");
                }
                return points.size() - 1;
            }
            int bin = 0;
            while (bin < edges.size() && value >= edges.get(bin)) {
                bin++;
            }
            return bin;
        }

        public double pointsFor(double value) {
            return points.get(binOf(value));
        }

        /** The bins with their bounds (from inclusive, to exclusive; null = unbounded) and points, missing last. */
        public List<Bin> bins() {
            List<Bin> out = new ArrayList<>();
            for (int i = 0; i <= edges.size(); i++) {
                out.add(new Bin(i, i == 0 ? null : edges.get(i - 1), i == edges.size() ? null : edges.get(i), false,
                        points.get(i)));
            }
            if (missingBin) {
                out.add(new Bin(points.size() - 1, null, null, true, points.get(points.size() - 1)));
            }
            return out;
        }
    }

    /** One bin: values in [from, to) (null bounds are open) or the missing bin, and its points on the logit. */
    public record Bin(int index, Double from, Double to, boolean missing, double points) {
    }

    public RiskModel(String version, int horizonDays, int promiseGraceDays, double intercept,
                     List<FeatureBins> features, List<String> notes) {
        if (version == null || version.isBlank() || version.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("model version must be one word, got '" + version + "'");
        }
        this.version = version;
        this.horizonDays = horizonDays;
        this.promiseGraceDays = promiseGraceDays;
        this.intercept = intercept;
        this.features = new EnumMap<>(RiskFeature.class);
        for (FeatureBins f : features) {
            if (this.features.put(f.feature(), f) != null) {
                throw new IllegalArgumentException("feature " + f.feature() + " given twice");
            }
        }
        for (RiskFeature f : RiskFeature.values()) {
            if (f.scope() == RiskFeature.Scope.ITEM && !this.features.containsKey(f)) {
                throw new IllegalArgumentException("a risk model needs the item feature " + f);
            }
        }
        this.notes = List.copyOf(notes);
    }

    public String version() {
        return version;
    }

    /** The label's horizon: paid within this many days after the day of the view. */
    public int horizonDays() {
        return horizonDays;
    }

    /** Grace days the promise features were computed with; compute live features with the same. */
    public int promiseGraceDays() {
        return promiseGraceDays;
    }

    public double intercept() {
        return intercept;
    }

    /** Free-text lines of the file's header (who trained it, on what). */
    public List<String> notes() {
        return notes;
    }

    /** The features the model uses, in {@link RiskFeature} order. */
    public List<FeatureBins> features() {
        return List.copyOf(features.values());
    }

    /** The bins and points of one feature; fails for a feature the model does not use. */
    public FeatureBins bins(RiskFeature feature) {
        FeatureBins b = features.get(feature);
        if (b == null) {
            throw new IllegalArgumentException("model " + version + " does not use " + feature);
        }
        return b;
    }

    /** Intercept + the points of the debtor's features: computed once per debtor. */
    public double debtorLogit(DebtorFeatures f) {
        double logit = intercept;
        for (FeatureBins b : features.values()) {
            if (b.feature().scope() == RiskFeature.Scope.DEBTOR) {
                logit += b.pointsFor(b.feature().valueOf(f, 0, 0));
            }
        }
        return logit;
    }

    /** The item's points: its days past due bin plus its open balance bin. */
    public double itemPoints(long daysPastDue, long openClp) {
        return bins(RiskFeature.DAYS_PAST_DUE).pointsFor(daysPastDue) + bins(RiskFeature.OPEN_CLP).pointsFor(openClp);
    }

    /** The logistic function of a logit. */
    public static double probability(double logit) {
        return 1 / (1 + Math.exp(-logit));
    }

    /** The probability that the item is paid within the horizon, with the expected recovery and the reasons. */
    public RiskScore score(DebtorFeatures f, long daysPastDue, long openClp) {
        double logit = intercept;
        List<RiskScore.Reason> reasons = new ArrayList<>();
        for (FeatureBins b : features.values()) {
            double value = b.feature().valueOf(f, daysPastDue, openClp);
            double points = b.pointsFor(value);
            logit += points;
            reasons.add(new RiskScore.Reason(b.feature(), b.feature().describe(value), points - b.average()));
        }
        reasons.sort(Comparator.comparingDouble((RiskScore.Reason r) -> -Math.abs(r.impact())));
        double p = probability(logit);
        return new RiskScore(p, Math.round(p * openClp), reasons);
    }

    /** The model as text: {@link #FORMAT}, notes as {@code #} lines, then one line per setting and per bin. */
    public String write() {
        StringBuilder sb = new StringBuilder();
        sb.append(FORMAT).append('\n');
        for (String n : notes) {
            sb.append("# ").append(n).append('\n');
        }
        sb.append("version ").append(version).append('\n');
        sb.append("horizon_days ").append(horizonDays).append('\n');
        sb.append("promise_grace_days ").append(promiseGraceDays).append('\n');
        sb.append("intercept ").append(intercept).append('\n');
        sb.append("## feature <name> <scope> average <mean points over training examples>\n");
        sb.append("## bin <feature> <index> <from, inclusive> <to, exclusive> <points>   (- = unbounded)\n");
        sb.append("## bin <feature> missing - - <points>   (value unknown)\n");
        for (FeatureBins b : features.values()) {
            sb.append("feature ").append(b.feature()).append(' ').append(b.feature().scope())
                    .append(" average ").append(b.average()).append('\n');
            for (Bin bin : b.bins()) {
                sb.append("bin ").append(b.feature()).append(' ')
                        .append(bin.missing() ? "missing" : Integer.toString(bin.index())).append(' ')
                        .append(bound(bin.from())).append(' ').append(bound(bin.to())).append(' ')
                        .append(bin.points()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String bound(Double edge) {
        if (edge == null) {
            return "-";
        }
        return edge == Math.rint(edge) && Math.abs(edge) < 1e15 ? Long.toString(edge.longValue()) : edge.toString();
    }

    /** Reads a model written by {@link #write}; fails naming the line that does not fit the format. */
    public static RiskModel parse(String text) {
        String[] lines = text.split("\r?\n");
        if (lines.length == 0 || !lines[0].trim().equals(FORMAT)) {
            throw new IllegalArgumentException("not a risk model: the first line must be '" + FORMAT + "'");
        }
        String version = null;
        Integer horizon = null;
        Integer grace = null;
        Double intercept = null;
        List<String> notes = new ArrayList<>();
        Map<RiskFeature, Double> averages = new EnumMap<>(RiskFeature.class);
        Map<RiskFeature, List<Double>> edges = new EnumMap<>(RiskFeature.class);
        Map<RiskFeature, List<Double>> points = new EnumMap<>(RiskFeature.class);
        Map<RiskFeature, Double> missing = new EnumMap<>(RiskFeature.class);
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].trim();
            int no = i + 1;
            if (line.isEmpty() || line.startsWith("##")) {
                continue;
            }
            if (line.startsWith("#")) {
                notes.add(line.substring(1).trim());
                continue;
            }
            String[] t = line.split("\\s+");
            try {
                switch (t[0]) {
                    case "version" -> version = t[1];
                    case "horizon_days" -> horizon = Integer.parseInt(t[1]);
                    case "promise_grace_days" -> grace = Integer.parseInt(t[1]);
                    case "intercept" -> intercept = Double.parseDouble(t[1]);
                    case "feature" -> {
                        RiskFeature f = RiskFeature.valueOf(t[1]);
                        if (!t[2].equals(f.scope().name()) || !t[3].equals("average")) {
                            throw new IllegalArgumentException("expected 'feature " + f + " " + f.scope() + " average <x>'");
                        }
                        averages.put(f, Double.parseDouble(t[4]));
                        edges.put(f, new ArrayList<>());
                        points.put(f, new ArrayList<>());
                    }
                    case "bin" -> {
                        RiskFeature f = RiskFeature.valueOf(t[1]);
                        if (!points.containsKey(f)) {
                            throw new IllegalArgumentException("bin before its 'feature " + f + "' line");
                        }
                        double pts = Double.parseDouble(t[5]);
                        if (t[2].equals("missing")) {
                            missing.put(f, pts);
                            break;
                        }
                        List<Double> e = edges.get(f);
                        List<Double> p = points.get(f);
                        if (Integer.parseInt(t[2]) != p.size()) {
                            throw new IllegalArgumentException("bins of " + f + " must come in order, expected bin " + p.size());
                        }
                        String expectedFrom = p.isEmpty() ? "-" : bound(e.get(e.size() - 1));
                        if (!t[3].equals(expectedFrom)) {
                            throw new IllegalArgumentException("bin starts at " + t[3] + ", the previous ended at " + expectedFrom);
                        }
                        p.add(pts);
                        if (!t[4].equals("-")) {
                            e.add(Double.parseDouble(t[4]));
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown key '" + t[0] + "'");
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("risk model line " + no + " '" + line + "': " + e.getMessage(), e);
            }
        }
        if (version == null || horizon == null || grace == null || intercept == null) {
            throw new IllegalArgumentException("risk model needs version, horizon_days, promise_grace_days and intercept");
        }
        List<FeatureBins> bins = new ArrayList<>();
        for (Map.Entry<RiskFeature, List<Double>> e : points.entrySet()) {
            List<Double> p = new ArrayList<>(e.getValue());
            boolean hasMissing = missing.containsKey(e.getKey());
            if (hasMissing) {
                p.add(missing.get(e.getKey()));
            }
            bins.add(new FeatureBins(e.getKey(), edges.get(e.getKey()), hasMissing, p, averages.get(e.getKey())));
        }
        return new RiskModel(version, horizon, grace, intercept, bins, notes);
    }

    /** Reads a model file (UTF-8). */
    public static RiskModel load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read risk model " + file, e);
        }
    }

    /** Writes the model to a file (UTF-8). */
    public void save(Path file) {
        try {
            Files.writeString(file, write(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write risk model " + file, e);
        }
    }

    /** The default model bundled in the jar ({@link #BUNDLED}), for clients without history yet. */
    public static RiskModel bundled() {
        try (InputStream in = RiskModel.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("bundled risk model " + BUNDLED + " is missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled risk model " + BUNDLED, e);
        }
    }
}
