package dev.httpmem.analysis.retention;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 */
final class LevelSteps {
    static final double NOISE_MULTIPLE = 8;
    static final long FLOOR_BYTES = 64 * 1024;
    /** Fewer intervals in a phase say too little about its noise to call any of them exceptional. */
    static final int MIN_INTERVALS = 4;
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
            for (int k = 0; k < residuals.length; k++) {
                if (Math.abs(residuals[k]) > threshold) {
                    current++;
                    Arrays.fill(segment, points[k + 1], end, current);
                    Checkpoint from = series.get(points[k]);
                    steps.add(LevelStep.between(from, series.get(points[k + 1]), Math.round(residuals[k]),
                            memory.applyAsLong(from)));
                }
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
