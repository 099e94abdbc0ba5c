package dev.httpmem.analysis.retention;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.ToDoubleBiFunction;
import java.util.function.ToLongFunction;
import java.util.stream.IntStream;

/**
 * Finds level steps within phases and splits the phases there into segments, each with its own intercept and the
 * protocols' slopes in common. Retention shows as growth in every interval between checkpoints, so a jump is a
 * step when it stands out from the phase's intervals: after removing the growth of the median per-interval slope,
 * beyond {@link #NOISE_MULTIPLE} robust standard deviations of those differences (1.4826 times their median
 * absolute size, which one or two steps barely move) and beyond {@link #FLOOR_BYTES}, so that a quiet heap's few
 * KB of noise never split it. A lone outlying checkpoint makes two steps and a segment of its own, which then
 * bears on no slope.
 *
 * <p>That threshold fails where the noise has two levels: a response body of 90 KiB live at about every other forced
 * GC (a client reading one at that moment) makes half the intervals jump by it, the median absolute jump is of its
 * size, and the threshold rises to a megabyte, over any one-off step of a few hundred KiB, which the fit then spreads
 * over the phase's exchanges as retention (a client's 256 KiB step read as 74 B/exchange). So a second look finds
 * persistent shifts: fitted with one slope and an intercept each side of a split, where the intercepts differ most
 * in standard errors; a split kept when they differ by {@link #SHIFT_T} or more and most of the difference happened
 * in that one interval (a pool filling up gradually moves the intercepts too, but in no single interval).
 */
final class LevelSteps {
    static final double NOISE_MULTIPLE = 8;
    static final long FLOOR_BYTES = 64 * 1024;
    /** Fewer intervals in a phase say too little about its noise to call any of them exceptional. */
    static final int MIN_INTERVALS = 4;
    /** A persistent shift's distance from no shift in standard errors: beyond what noise of any shape made in tests. */
    static final double SHIFT_T = 5;
    /** Checkpoints each side of a persistent shift, at least: fewer tell no level. */
    static final int MIN_SIDE = 3;
    /** The share of a persistent shift that its one interval must hold: it is a step, not a drift. */
    static final double ABRUPT_SHARE = 0.5;
    /** The standard deviation of normal noise over its median absolute deviation. */
    private static final double MAD_TO_SIGMA = 1.4826;

    /** {@code segment} of each checkpoint: the phases, split at the {@code steps}; numbered across the series. */
    @SuppressWarnings("ArrayRecordComponent") // a result passed on, never compared
    record Segments(int[] segment, List<LevelStep> steps) {
    }

    private LevelSteps() {
    }

    /**
     * Steps among the kept checkpoints of each phase whose memory is known (not negative), beyond the growth
     * {@code connections} explains between two checkpoints; null when it is not known yet, and then an interval in
     * which the connections held after their peer left changed is never a step.
     */
    static Segments find(List<Checkpoint> series, int[] phase, boolean[] kept, ToLongFunction<Checkpoint> memory,
                         ToDoubleBiFunction<Checkpoint, Checkpoint> connections) {
        int[] segment = new int[series.size()];
        List<LevelStep> steps = new ArrayList<>();
        int current = 0;
        for (int start = 0; start < series.size(); ) {
            int end = start;
            while (end < series.size() && phase[end] == phase[start]) {
                end++;
            }
            int[] points = IntStream.range(start, end)
                    .filter(i -> kept[i] && memory.applyAsLong(series.get(i)) >= 0).toArray();
            double[] residuals = residuals(series, points, memory, connections);
            double threshold = Math.max(NOISE_MULTIPLE * MAD_TO_SIGMA
                    * median(Arrays.stream(residuals).filter(r -> !Double.isNaN(r)).map(Math::abs).toArray()),
                    FLOOR_BYTES);
            Arrays.fill(segment, start, end, current);
            SortedMap<Integer, Long> splits = new TreeMap<>();
            for (int k = 0; k < residuals.length; k++) {
                if (Math.abs(residuals[k]) > threshold) {
                    splits.put(k + 1, Math.round(residuals[k]));
                }
            }
            if (residuals.length > 0) {
                double[] levels = levels(series, points, memory, connections);
                double[] exchanges = Arrays.stream(points).mapToDouble(i -> series.get(i).totalExchanges()).toArray();
                if (levels != null) {
                    List<Integer> bounds = new ArrayList<>(splits.keySet());
                    bounds.add(0, 0);
                    bounds.add(points.length);
                    for (int b = 0; b + 1 < bounds.size(); b++) {
                        persistentShifts(levels, exchanges, residuals, bounds.get(b), bounds.get(b + 1), splits);
                    }
                }
            }
            splits.forEach((at, bytes) -> {
                Checkpoint from = series.get(points[at - 1]);
                steps.add(LevelStep.between(from, series.get(points[at]), bytes, memory.applyAsLong(from)));
            });
            for (int at : splits.keySet()) {
                current++;
                Arrays.fill(segment, points[at], end, current);
            }
            current++;
            start = end;
        }
        return new Segments(segment, steps);
    }

    /**
     * Change of memory over each interval between consecutive points less the growth the connections explain and
     * that of the median per-interval slope (bytes per exchange, all protocols together); none when the intervals are
     * too few. Where the protocols' mix varies within the phase that slope fits no interval exactly: the residuals
     * spread, the threshold rises with them, and only larger jumps count as steps. Without {@code connections}, an
     * interval in which the connections held after their peer left changed is NaN, never a step.
     */
    private static double[] residuals(List<Checkpoint> series, int[] points, ToLongFunction<Checkpoint> memory,
                                      ToDoubleBiFunction<Checkpoint, Checkpoint> connections) {
        int intervals = points.length - 1;
        if (intervals < MIN_INTERVALS) {
            return new double[0];
        }
        double[] change = new double[intervals];
        long[] exchanges = new long[intervals];
        boolean[] unexplained = new boolean[intervals];
        for (int k = 0; k < intervals; k++) {
            Checkpoint from = series.get(points[k]);
            Checkpoint to = series.get(points[k + 1]);
            change[k] = memory.applyAsLong(to) - memory.applyAsLong(from);
            exchanges[k] = to.totalExchanges() - from.totalExchanges();
            if (connections != null) {
                change[k] -= connections.applyAsDouble(from, to);
            } else {
                unexplained[k] = !Arrays.equals(from.connections().held(), to.connections().held());
            }
        }
        double slope = median(IntStream.range(0, intervals).filter(k -> exchanges[k] > 0 && !unexplained[k])
                .mapToDouble(k -> change[k] / exchanges[k]).toArray());
        double effectiveSlope = Double.isNaN(slope) ? 0 : slope;
        return IntStream.range(0, intervals)
                .mapToDouble(k -> unexplained[k] ? Double.NaN : change[k] - effectiveSlope * exchanges[k]).toArray();
    }

    /**
     * Memory at each point net of what the connections explain since the first; null where an interval's
     * connections are unexplained.
     */
    private static double[] levels(List<Checkpoint> series, int[] points, ToLongFunction<Checkpoint> memory,
                                   ToDoubleBiFunction<Checkpoint, Checkpoint> connections) {
        double[] net = new double[points.length];
        double explained = 0;
        for (int k = 0; k < points.length; k++) {
            if (k > 0) {
                Checkpoint from = series.get(points[k - 1]);
                Checkpoint to = series.get(points[k]);
                if (connections == null) {
                    if (!Arrays.equals(from.connections().held(), to.connections().held())) {
                        return null;
                    }
                } else {
                    explained += connections.applyAsDouble(from, to);
                }
            }
            net[k] = memory.applyAsLong(series.get(points[k])) - explained;
        }
        return net;
    }

    /**
     * Binary segmentation of points {@code [from, to)}: at each split, levels against exchanges fitted with one
     * slope and an intercept each side (least squares, from running sums: linear in the points); the split whose
     * intercepts differ by the most standard errors is kept as a step of that difference when it is persistent and
     * abrupt (see the class comment), and each side is searched again. {@code residuals[k]} is the change over the
     * interval that ends at point {@code k + 1}.
     */
    private static void persistentShifts(double[] levels, double[] exchanges, double[] residuals, int from, int to,
                                         SortedMap<Integer, Long> splits) {
        int n = to - from;
        if (n < 2 * MIN_SIDE) {
            return;
        }
        // Running sums of 1, x, x^2, y, xy and y^2 over [from, from + i), x centred on the first point for precision.
        double origin = exchanges[from];
        double[][] sums = new double[6][n + 1];
        for (int i = 0; i < n; i++) {
            double x = exchanges[from + i] - origin;
            double y = levels[from + i] - levels[from];
            double[] terms = {1, x, x * x, y, x * y, y * y};
            for (int t = 0; t < 6; t++) {
                sums[t][i + 1] = sums[t][i] + terms[t];
            }
        }
        int bestAt = -1;
        double bestT = 0;
        double bestShift = 0;
        for (int at = MIN_SIDE; at <= n - MIN_SIDE; at++) {
            Side before = Side.of(sums, 0, at);
            Side after = Side.of(sums, at, n);
            double sxx = before.sxx + after.sxx;
            if (sxx <= 0) {
                continue;
            }
            double slope = (before.sxy + after.sxy) / sxx;
            double rss = before.syy + after.syy - slope * slope * sxx;
            double sigma2 = Math.max(rss, 0) / (n - 3);
            double shift = (after.meanY - slope * after.meanX) - (before.meanY - slope * before.meanX);
            double gap = after.meanX - before.meanX;
            double se = Math.sqrt(sigma2 * (1.0 / at + 1.0 / (n - at) + gap * gap / sxx));
            double t = se > 0 ? Math.abs(shift) / se : 0;
            if (t > bestT) {
                bestT = t;
                bestAt = from + at;
                bestShift = shift;
            }
        }
        if (bestAt < 0 || bestT < SHIFT_T || Math.abs(bestShift) < FLOOR_BYTES
                || !(residuals[bestAt - 1] / bestShift >= ABRUPT_SHARE)) {
            return;
        }
        splits.put(bestAt, Math.round(bestShift));
        persistentShifts(levels, exchanges, residuals, from, bestAt, splits);
        persistentShifts(levels, exchanges, residuals, bestAt, to, splits);
    }

    /** One side of a split: its means and centred sums of squares and products, from the running sums. */
    private record Side(double meanX, double meanY, double sxx, double sxy, double syy) {
        static Side of(double[][] sums, int from, int to) {
            double n = to - from;
            double x = sums[1][to] - sums[1][from];
            double y = sums[3][to] - sums[3][from];
            return new Side(x / n, y / n, sums[2][to] - sums[2][from] - x * x / n,
                    sums[4][to] - sums[4][from] - x * y / n, sums[5][to] - sums[5][from] - y * y / n);
        }
    }

    /** NaN when empty. */
    private static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
