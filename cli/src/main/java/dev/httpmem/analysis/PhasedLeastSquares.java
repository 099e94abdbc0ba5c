package dev.httpmem.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Ordinary least squares {@code y = a[phase] + b[0] x[0] + ... + e}: one intercept per phase, common slopes.
 * It fits on the values centered within their phase, which by the Frisch-Waugh-Lovell theorem gives the same
 * slopes and standard errors as the fit with one dummy column per phase, without the phases' columns; so a
 * step between phases (a protocol's first use loading classes and filling pools) moves no slope.
 */
final class PhasedLeastSquares {
    /** Below this, in units of the columns' own scale, two regressors are one: their slopes cannot be told apart. */
    private static final double SINGULAR = 1e-10;

    private final int regressors;
    private final List<Row> rows = new ArrayList<>();

    /** Slopes, NaN where a regressor never varies within a phase, and the residual degrees of freedom. */
    record Fit(Estimate[] slopes, int degreesOfFreedom, boolean collinear) {
    }

    private record Row(int phase, double y, double[] x) {
    }

    PhasedLeastSquares(int regressors) {
        this.regressors = regressors;
    }

    void add(int phase, double y, double... x) {
        if (x.length != regressors) {
            throw new IllegalArgumentException(regressors + " regressors expected, got " + x.length);
        }
        rows.add(new Row(phase, y, x.clone()));
    }

    Fit fit() {
        Estimate[] slopes = new Estimate[regressors];
        Arrays.fill(slopes, Estimate.NONE);
        double[][] centered = center();
        int n = rows.size();
        int[] columns = varyingColumns(centered);
        int q = columns.length;
        int degreesOfFreedom = n - phases() - q;
        if (q == 0 || degreesOfFreedom < 1) {
            return new Fit(slopes, Math.max(0, degreesOfFreedom), false);
        }
        double[] scale = new double[q];
        double[][] normal = new double[q][q];
        double[] moment = new double[q];
        for (int j = 0; j < q; j++) {
            scale[j] = Math.sqrt(sumOfProducts(centered, columns[j] + 1, columns[j] + 1));
        }
        for (int j = 0; j < q; j++) {
            for (int k = 0; k < q; k++) {
                normal[j][k] = sumOfProducts(centered, columns[j] + 1, columns[k] + 1) / (scale[j] * scale[k]);
            }
            moment[j] = sumOfProducts(centered, columns[j] + 1, 0) / scale[j];
        }
        double[][] inverse = invert(normal);
        if (inverse == null) {
            return new Fit(slopes, degreesOfFreedom, true);
        }
        double[] beta = new double[q];
        for (int j = 0; j < q; j++) {
            for (int k = 0; k < q; k++) {
                beta[j] += inverse[j][k] * moment[k];
            }
        }
        double squaredResiduals = 0;
        for (double[] row : centered) {
            double residual = row[0];
            for (int j = 0; j < q; j++) {
                residual -= beta[j] * row[columns[j] + 1] / scale[j];
            }
            squaredResiduals += residual * residual;
        }
        double variance = squaredResiduals / degreesOfFreedom;
        double t = StudentT.quantile975(degreesOfFreedom);
        for (int j = 0; j < q; j++) {
            double slope = beta[j] / scale[j];
            double halfWidth = t * Math.sqrt(variance * inverse[j][j]) / scale[j];
            slopes[columns[j]] = new Estimate(slope, slope - halfWidth, slope + halfWidth);
        }
        return new Fit(slopes, degreesOfFreedom, false);
    }

    /** Rows as {y, x0, x1, ...} minus their phase's means. */
    private double[][] center() {
        Map<Integer, double[]> sums = new HashMap<>();
        for (Row row : rows) {
            double[] sum = sums.computeIfAbsent(row.phase, p -> new double[regressors + 2]);
            sum[0] += row.y;
            for (int j = 0; j < regressors; j++) {
                sum[j + 1] += row.x[j];
            }
            sum[regressors + 1]++;
        }
        double[][] centered = new double[rows.size()][];
        for (int i = 0; i < centered.length; i++) {
            Row row = rows.get(i);
            double[] sum = sums.get(row.phase);
            double count = sum[regressors + 1];
            double[] values = new double[regressors + 1];
            values[0] = row.y - sum[0] / count;
            for (int j = 0; j < regressors; j++) {
                values[j + 1] = row.x[j] - sum[j + 1] / count;
            }
            centered[i] = values;
        }
        return centered;
    }

    private int phases() {
        return (int) rows.stream().mapToInt(Row::phase).distinct().count();
    }

    /** Columns that vary within some phase by more than rounding: a constant count centers to 1e-12, not 0. */
    private int[] varyingColumns(double[][] centered) {
        return IntStream.range(0, regressors)
                .filter(j -> {
                    double magnitude = rows.stream().mapToDouble(row -> Math.abs(row.x[j])).max().orElse(0);
                    return Math.sqrt(sumOfProducts(centered, j + 1, j + 1) / rows.size()) > 1e-9 * (magnitude + 1);
                })
                .toArray();
    }

    private static double sumOfProducts(double[][] rows, int a, int b) {
        double sum = 0;
        for (double[] row : rows) {
            sum += row[a] * row[b];
        }
        return sum;
    }

    /** Gauss-Jordan with partial pivoting; null when the matrix is singular at {@link #SINGULAR}. */
    private static double[][] invert(double[][] matrix) {
        int n = matrix.length;
        double[][] a = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(matrix[i], 0, a[i], 0, n);
            a[i][n + i] = 1;
        }
        for (int column = 0; column < n; column++) {
            int pivot = column;
            for (int row = column + 1; row < n; row++) {
                if (Math.abs(a[row][column]) > Math.abs(a[pivot][column])) {
                    pivot = row;
                }
            }
            if (Math.abs(a[pivot][column]) < SINGULAR) {
                return null;
            }
            double[] swap = a[column];
            a[column] = a[pivot];
            a[pivot] = swap;
            double divisor = a[column][column];
            for (int k = 0; k < 2 * n; k++) {
                a[column][k] /= divisor;
            }
            for (int row = 0; row < n; row++) {
                if (row != column && a[row][column] != 0) {
                    double factor = a[row][column];
                    for (int k = 0; k < 2 * n; k++) {
                        a[row][k] -= factor * a[column][k];
                    }
                }
            }
        }
        double[][] inverse = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], n, inverse[i], 0, n);
        }
        return inverse;
    }
}
