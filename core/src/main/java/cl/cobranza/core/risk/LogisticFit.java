package cl.cobranza.core.risk;

/**
 * L2-regularised logistic regression fitted by Newton's method (iteratively reweighted least squares), in plain
 * Java: maximises Σ [y log p + (1 − y) log(1 − p)] − λ/2 Σ β_j² over the weights (the intercept is not
 * penalised). The penalty keeps one-hot bins identifiable and finite on separable data.
 */
public final class LogisticFit {
    /** Stop when no weight moves by more than this in a Newton step. */
    static final double TOLERANCE = 1e-9;
    static final int MAX_ITERATIONS = 100;

    private LogisticFit() {
    }

    /** The fitted weights, intercept first, and how the fit went. */
    public record Result(double[] coefficients, int iterations, boolean converged, double penalisedLogLikelihood) {
        public double intercept() {
            return coefficients[0];
        }

        /** Weight of column j (0-based, without the intercept). */
        public double weight(int j) {
            return coefficients[j + 1];
        }
    }

    /** Fits y ~ intercept + x·β with penalty λ on β; x is n rows × p columns. */
    public static Result fit(double[][] x, boolean[] y, double lambda) {
        int n = x.length;
        if (n == 0 || n != y.length) {
            throw new IllegalArgumentException("need as many labels as rows and at least one row: " + n + " rows, "
                    + y.length + " labels");
        }
        int p = x[0].length + 1;
        double[] beta = new double[p];
        double previous = penalisedLogLikelihood(x, y, beta, lambda);
        for (int iter = 1; iter <= MAX_ITERATIONS; iter++) {
            double[] gradient = new double[p];
            double[][] hessian = new double[p][p]; // the negative Hessian: X'WX + λI
            double[] row = new double[p];
            for (int i = 0; i < n; i++) {
                row[0] = 1;
                System.arraycopy(x[i], 0, row, 1, p - 1);
                double mu = RiskModel.probability(dot(row, beta));
                double w = Math.max(mu * (1 - mu), 1e-12);
                double residual = (y[i] ? 1 : 0) - mu;
                for (int a = 0; a < p; a++) {
                    if (row[a] == 0) {
                        continue; // one-hot rows are mostly zeros
                    }
                    gradient[a] += row[a] * residual;
                    double wa = w * row[a];
                    for (int b = 0; b <= a; b++) {
                        hessian[a][b] += wa * row[b];
                    }
                }
            }
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < a; b++) {
                    hessian[b][a] = hessian[a][b];
                }
                double penalty = a == 0 ? 1e-9 : lambda;
                gradient[a] -= a == 0 ? 0 : lambda * beta[a];
                hessian[a][a] += penalty;
            }
            double[] step = Cholesky.solve(hessian, gradient);
            // halve the step while it does not improve the objective (it always does near the optimum)
            double scale = 1;
            double[] next = new double[p];
            double value;
            while (true) {
                for (int a = 0; a < p; a++) {
                    next[a] = beta[a] + scale * step[a];
                }
                value = penalisedLogLikelihood(x, y, next, lambda);
                if (value >= previous - 1e-12 || scale < 1e-6) {
                    break;
                }
                scale /= 2;
            }
            double moved = 0;
            for (int a = 0; a < p; a++) {
                moved = Math.max(moved, Math.abs(next[a] - beta[a]));
            }
            beta = next.clone();
            previous = value;
            if (moved < TOLERANCE) {
                return new Result(beta, iter, true, value);
            }
        }
        return new Result(beta, MAX_ITERATIONS, false, previous);
    }

    static double penalisedLogLikelihood(double[][] x, boolean[] y, double[] beta, double lambda) {
        double ll = 0;
        for (int i = 0; i < x.length; i++) {
            double z = beta[0];
            for (int j = 0; j < x[i].length; j++) {
                z += x[i][j] * beta[j + 1];
            }
            // log p = −log(1 + e^−z), log(1 − p) = −log(1 + e^z), computed without overflow
            ll -= y[i] ? log1pExp(-z) : log1pExp(z);
        }
        double penalty = 0;
        for (int j = 1; j < beta.length; j++) {
            penalty += beta[j] * beta[j];
        }
        return ll - lambda / 2 * penalty;
    }

    private static double log1pExp(double z) {
        return z > 30 ? z : Math.log1p(Math.exp(z));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Solves A·x = b for a symmetric positive definite A. */
    static final class Cholesky {
        private Cholesky() {
        }

        static double[] solve(double[][] a, double[] b) {
            int n = b.length;
            double[][] l = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    double s = a[i][j];
                    for (int k = 0; k < j; k++) {
                        s -= l[i][k] * l[j][k];
                    }
                    if (i == j) {
                        if (s <= 0) {
                            throw new IllegalStateException("matrix not positive definite at " + i + ": raise λ");
                        }
                        l[i][i] = Math.sqrt(s);
                    } else {
                        l[i][j] = s / l[j][j];
                    }
                }
            }
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                double s = b[i];
                for (int k = 0; k < i; k++) {
                    s -= l[i][k] * y[k];
                }
                y[i] = s / l[i][i];
            }
            double[] x = new double[n];
            for (int i = n - 1; i >= 0; i--) {
                double s = y[i];
                for (int k = i + 1; k < n; k++) {
                    s -= l[k][i] * x[k];
                }
                x[i] = s / l[i][i];
            }
            return x;
        }
    }
}
