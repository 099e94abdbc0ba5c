package dev.httpmem.analysis.retention;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The Theil-Sen slope of memory after GC per exchange of one protocol: the median of the slopes between every two
 * checkpoints of one segment between which only that protocol's exchanges moved, with Sen's distribution-free 95%
 * interval (ranks of those slopes, from Kendall's S). Least squares weighs each point by its squared distance, so a
 * heap that moves in quanta, a 90 KiB response buffer held at some forced GCs and not at others, can put a few high
 * points late in a phase and read as retention of tens of bytes per exchange (Helidon's HTTP/1.1, once in tens of
 * runs); the median of the pairwise slopes follows no few points. It checks a least-squares "retains" and is never
 * the estimate: where protocols ran at once it has no pairs and is unknown.
 */
final class MedianSlope {
    /** Fewer checkpoints than this in all of a protocol's groups give no interval worth a check. */
    static final int MIN_POINTS = 5;
    /**
     * A group's checkpoints beyond this are thinned, evenly, to it: the pairs grow as the square of the points, and a
     * day's recording may hold tens of thousands of GCs (the fit takes up to 50,000). Sen's interval is then that of
     * the points kept, a little wider.
     */
    static final int MAX_GROUP_POINTS = 300;
    private static final double Z_975 = 1.959964;

    private MedianSlope() {
    }

    /**
     * @param segment each checkpoint's segment (phases split at level steps); a pair never spans two
     * @param kept    the checkpoints past warm-up
     */
    static Estimate of(List<Checkpoint> series, int[] segment, boolean[] kept, ToLongFunction<Checkpoint> memory,
                       int protocol) {
        // Checkpoints of one segment at which every other protocol's count is the same: only this one moved.
        Map<List<Long>, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < series.size(); i++) {
            Checkpoint checkpoint = series.get(i);
            if (kept[i] && memory.applyAsLong(checkpoint) >= 0) {
                List<Long> key = new ArrayList<>();
                key.add((long) segment[i]);
                for (int p = 0; p < checkpoint.exchanges().length; p++) {
                    key.add(p == protocol ? -1 : checkpoint.exchanges()[p]);
                }
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            }
        }
        List<List<Integer>> paired = groups.values().stream().filter(group -> group.size() > 1)
                .map(MedianSlope::thinned).toList();
        double[] slopes = new double[paired.stream().mapToInt(group -> group.size() * (group.size() - 1) / 2).sum()];
        int pairs = 0;
        double variance = 0; // of Kendall's S under no trend, summed over the independent groups
        int points = 0;
        for (List<Integer> group : paired) {
            int n = group.size();
            points += n;
            variance += n * (n - 1.0) * (2 * n + 5) / 18;
            for (int a = 0; a < n; a++) {
                Checkpoint from = series.get(group.get(a));
                for (int b = a + 1; b < n; b++) {
                    Checkpoint to = series.get(group.get(b));
                    long exchanges = to.exchanges()[protocol] - from.exchanges()[protocol];
                    if (exchanges > 0) {
                        slopes[pairs++] = (double) (memory.applyAsLong(to) - memory.applyAsLong(from)) / exchanges;
                    }
                }
            }
        }
        if (points < MIN_POINTS || pairs == 0) {
            return Estimate.NONE;
        }
        // Pairs without exchanges between them leave the array's end unused.
        Arrays.sort(slopes, 0, pairs);
        double median = pairs % 2 == 1 ? slopes[pairs / 2] : (slopes[pairs / 2 - 1] + slopes[pairs / 2]) / 2;
        double reach = Z_975 * Math.sqrt(variance);
        // Sen's bounds: the ((N - C) / 2)-th and ((N + C) / 2 + 1)-th smallest of the N slopes, counted from 1.
        int low = (int) Math.floor((pairs - reach) / 2);
        int high = (int) Math.ceil((pairs + reach) / 2) + 1;
        return new Estimate(median, slopes[Math.max(low, 1) - 1], slopes[Math.min(high, pairs) - 1]);
    }

    /** The group, or {@link #MAX_GROUP_POINTS} of its checkpoints evenly spaced, its first and last among them. */
    private static List<Integer> thinned(List<Integer> group) {
        int n = group.size();
        if (n <= MAX_GROUP_POINTS) {
            return group;
        }
        List<Integer> kept = new ArrayList<>(MAX_GROUP_POINTS);
        for (int i = 0; i < MAX_GROUP_POINTS; i++) {
            kept.add(group.get((int) ((long) i * (n - 1) / (MAX_GROUP_POINTS - 1))));
        }
        return kept;
    }
}
