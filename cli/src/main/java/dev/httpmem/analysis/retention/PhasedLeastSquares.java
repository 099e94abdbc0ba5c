package dev.httpmem.analysis.retention;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Ordinary least squares {@code y = a[phase] + b[0] x[0] + ... + e}: one intercept per phase, common slopes.
 * It fits on the values centered within their phase, which by the Frisch-Waugh-Lovell theorem gives the same
 * slopes and standard errors as the fit with one dummy column per phase, without the phases' columns; so a
 * step between phases (a protocol's first use loading classes and filling pools) moves no slope. Phases that
 * share no varying regressor do not share their residual variance either (see {@link Group}).
 */
final class PhasedLeastSquares {
    /** Below this, in units of the columns' own scale, two regressors are one: their slopes cannot be told apart. */
    private static final double SINGULAR = 1e-10;

    private final int regressors;
    private final int essential;
    private final List<Row> rows = new ArrayList<>();

    /**
     * Slopes, NaN where a regressor never varies within a phase, and the residual degrees of freedom, summed over
     * the groups of phases that each have their own residual variance. {@code collinear} are the regressors left
     * out because they moved in lockstep with others: their slopes are NaN too.
     */
    @SuppressWarnings("ArrayRecordComponent") // a result passed on, never compared
    record Fit(Estimate[] slopes, int degreesOfFreedom, Set<Integer> collinear) {
    }

    @SuppressWarnings("ArrayRecordComponent") // a result passed on, never compared
    private record Row(int phase, double y, double[] x) {
    }

    PhasedLeastSquares(int regressors) {
        this(regressors, regressors);
    }

    /**
     * @param essential the first this many regressors are never left out: when they are collinear among
     *                  themselves, their group gets no slopes rather than slopes that take each other's share
     */
    PhasedLeastSquares(int regressors, int essential) {
        this.regressors = regressors;
        this.essential = essential;
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
        int degreesOfFreedom = 0;
        Set<Integer> collinear = new TreeSet<>();
        for (Group group : groups(centered)) {
            double[][] groupRows = group.rows.stream().map(i -> centered[i]).toArray(double[][]::new);
            int[] columns = group.columns;
            // Regressors in lockstep with others cannot be fitted apart: leave out the highest-numbered optional
            // one until the rest can be; when the essential ones still cannot, none gets a slope.
            while (true) {
                int groupFreedom = groupRows.length - group.phases - columns.length;
                if (groupFreedom < 1) {
                    break;
                }
                if (solve(groupRows, columns, groupFreedom, slopes)) {
                    degreesOfFreedom += groupFreedom;
                    break;
                }
                if (columns[columns.length - 1] < essential) {
                    Arrays.stream(columns).forEach(collinear::add);
                    break;
                }
                collinear.add(columns[columns.length - 1]);
                columns = Arrays.copyOf(columns, columns.length - 1);
            }
        }
        return new Fit(slopes, degreesOfFreedom, collinear);
    }

    /**
     * Phases linked by a regressor that varies in both, with the rows of those phases and the regressors that vary
     * in them. Groups share no regressor, so fitting each alone gives the joint fit's slopes; but each gets its own
     * residual variance: when HTTP/1.1 ran alone and then HTTP/2 alone, a noisy HTTP/2 phase says nothing about
     * HTTP/1.1's slope and must not widen its interval. Phases where nothing varies bear on no slope and are left out.
     */
    @SuppressWarnings("ArrayRecordComponent") // a result passed on, never compared
    private record Group(List<Integer> rows, int phases, int[] columns) {
    }

    private List<Group> groups(double[][] centered) {
        Map<Integer, List<Integer>> phaseRows = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            phaseRows.computeIfAbsent(rows.get(i).phase, p -> new ArrayList<>()).add(i);
        }
        List<Integer> phaseIds = List.copyOf(phaseRows.keySet());
        int[] owner = new int[phaseIds.size()]; // union-find over phases
        Arrays.setAll(owner, k -> k);
        int[] columnPhase = new int[regressors];
        Arrays.fill(columnPhase, -1);
        List<Set<Integer>> varying = new ArrayList<>();
        for (int k = 0; k < phaseIds.size(); k++) {
            Set<Integer> columns = varyingColumns(centered, phaseRows.get(phaseIds.get(k)));
            varying.add(columns);
            for (int j : columns) {
                if (columnPhase[j] >= 0) {
                    owner[root(owner, k)] = root(owner, columnPhase[j]);
                }
                columnPhase[j] = k;
            }
        }
        Map<Integer, List<Integer>> members = new LinkedHashMap<>();
        for (int k = 0; k < phaseIds.size(); k++) {
            if (!varying.get(k).isEmpty()) {
                members.computeIfAbsent(root(owner, k), r -> new ArrayList<>()).add(k);
            }
        }
        List<Group> groups = new ArrayList<>();
        for (List<Integer> phases : members.values()) {
            List<Integer> groupRows = new ArrayList<>();
            Set<Integer> columns = new TreeSet<>();
            for (int k : phases) {
                groupRows.addAll(phaseRows.get(phaseIds.get(k)));
                columns.addAll(varying.get(k));
            }
            groups.add(new Group(groupRows, phases.size(), columns.stream().mapToInt(Integer::intValue).toArray()));
        }
        return groups;
    }

    private static int root(int[] owner, int k) {
        while (owner[k] != k) {
            k = owner[k];
        }
        return k;
    }

    /** Fills the slopes of {@code columns} from centered rows; false when they are collinear. */
    private static boolean solve(double[][] centered, int[] columns, int degreesOfFreedom, Estimate[] slopes) {
        int q = columns.length;
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
            return false;
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
        return true;
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

    /**
     * Columns that vary within the phase's rows by more than rounding: a constant count centers to 1e-12, not 0.
     */
    private Set<Integer> varyingColumns(double[][] centered, List<Integer> phaseRows) {
        Set<Integer> columns = new TreeSet<>();
        for (int j = 0; j < regressors; j++) {
            double magnitude = 0;
            double squares = 0;
            for (int i : phaseRows) {
                magnitude = Math.max(magnitude, Math.abs(rows.get(i).x[j]));
                squares += centered[i][j + 1] * centered[i][j + 1];
            }
            if (Math.sqrt(squares / phaseRows.size()) > 1e-9 * (magnitude + 1)) {
                columns.add(j);
            }
        }
        return columns;
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
