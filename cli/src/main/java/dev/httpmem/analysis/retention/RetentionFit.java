package dev.httpmem.analysis.retention;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Fits memory after GC against cumulative exchanges per protocol: the slope is what each exchange leaves
 * reachable. Only forced full GCs (agent option gc-every) show the live set alone; after an ordinary GC the
 * heap also holds garbage the collector has not reached yet, so those are used only when forced ones are too
 * few. Each stretch of constant protocol mix (a phase: HTTP/1.1 alone, then HTTP/2 alone, or both at once) has
 * its own intercept, and its first {@link #WARM_UP_SHARE} of exchanges is dropped: class loading, JIT and pools
 * filling up raise the heap once, early, and would otherwise read as retention. Later one-off jumps within a
 * phase (a pool releasing its buffers) split it into segments with intercepts of their own: see {@link LevelSteps}.
 */
public final class RetentionFit {
    static final double WARM_UP_SHARE = 0.2;
    /** Checkpoints, after warm-up, in the phases where a protocol ran, for its slope to be trusted. */
    public static final int MIN_CHECKPOINTS = 8;
    /** Forced checkpoints needed to fit on them alone: enough left after warm-up for {@link #MIN_CHECKPOINTS}. */
    static final int MIN_FORCED = 10;
    /** A protocol is active in an interval between checkpoints when it did at least this share of its exchanges. */
    static final double ACTIVE_SHARE = 0.1;
    /** Phases shorter than this many checkpoints join their neighbour rather than costing an intercept. */
    static final int MIN_PHASE = 3;

    /**
     * One protocol's slopes; {@code medianHeapPerExchange} is the heap's Theil-Sen slope, which checks a
     * least-squares "retains" (see {@link MedianSlope}); {@code laterHeapPerExchange} (and {@code laterDirectPerExchange}) is the heap's (direct
     * memory's) over the later half of each phase alone
     * (a leak keeps its slope, a pool or cache filling up levels off); {@code requestsNeeded} more requests would
     * reach {@link #MIN_CHECKPOINTS}.
     */
    public record ProtocolFit(Estimate heapPerExchange, Estimate medianHeapPerExchange, Estimate laterHeapPerExchange,
                              Estimate heapPerResponseKiB,
                              Estimate directPerExchange, Estimate laterDirectPerExchange, Estimate rssPerExchange,
                              Estimate heapPerOpenConnection, Estimate heapPerLeakedConnection, int checkpoints,
                              long requestsNeeded) {
        public static final ProtocolFit NONE = new ProtocolFit(Estimate.NONE, Estimate.NONE, Estimate.NONE,
                Estimate.NONE, Estimate.NONE, Estimate.NONE, Estimate.NONE, Estimate.NONE, Estimate.NONE, 0, 0);
    }

    /**
     * The regressors, in this order, each per protocol: the exchanges (or response KiB) completed, the connections
     * open with their peer, and the connections held after their peer left (closed and reachable after the GC, or
     * open after the peer closed). A connection count that does not
     * vary within any phase bears on nothing and gets no slope.
     */
    private static final int EXCHANGES = 0;
    private static final int OPEN = 1;
    private static final int HELD = 2;
    private static final int KINDS = 3;

    /** {@code notes} say what limits the fit; {@code series} are the checkpoints it rests on, with its line. */
    public record Result(FitSummary summary, Map<String, ProtocolFit> protocols, List<String> notes,
                         FittedSeries series) {
    }

    private RetentionFit() {
    }

    /**
     * Fits one recording's checkpoints: its forced ones when they are enough, else all of them.
     *
     * @param forced the recording's forced checkpoints, in time order; {@code all} its checkpoints
     */
    public static Result fit(String recording, List<Checkpoint> forced, List<Checkpoint> all) {
        List<String> notes = new ArrayList<>();
        boolean forcedOnly = forced.size() >= MIN_FORCED;
        List<Checkpoint> series = forcedOnly ? forced : all;
        if (!forcedOnly) {
            notes.add(all.isEmpty()
                    ? "no httpmem.HeapCheckpoint events: record with an httpmem agent that writes them (one per GC)"
                    : (forced.isEmpty() ? "no forced GCs" : "only " + forced.size() + " forced GCs")
                    + ": fitted on all " + all.size() + " GCs, whose heap holds garbage not yet collected;"
                    + " for exact slopes record with the agent option gc-every=N");
        }
        int[] phase = phases(series);
        boolean[] kept = dropWarmUp(series, phase);
        int keptCount = 0;
        for (boolean k : kept) {
            keptCount += k ? 1 : 0;
        }
        int protocols = Checkpoint.PROTOCOLS.size();
        // Steps first ignore the intervals where held connections changed; a first fit then tells what each held
        // connection weighs, and the steps are found again net of it, so a step that came with one is seen too.
        LevelSteps.Segments firstSteps = LevelSteps.find(series, phase, kept, Checkpoint::heapUsed, null);
        PhasedLeastSquares.Fit first = fit(series, firstSteps, kept, Checkpoint::heapUsed, Checkpoint::exchanges, 1);
        LevelSteps.Segments heapSteps = LevelSteps.find(series, phase, kept, Checkpoint::heapUsed,
                (from, to) -> heldGrowth(first, from, to));
        PhasedLeastSquares.Fit heap = fit(series, heapSteps, kept, Checkpoint::heapUsed, Checkpoint::exchanges, 1);
        PhasedLeastSquares.Fit laterHeap = fit(series, heapSteps, laterHalf(series, phase, kept), Checkpoint::heapUsed,
                Checkpoint::exchanges, 1);
        PhasedLeastSquares.Fit perKiB = fit(series, heapSteps, kept, Checkpoint::heapUsed, Checkpoint::responseBytes, 1024);
        LevelSteps.Segments directSteps = LevelSteps.find(series, phase, kept, Checkpoint::directMemoryUsed, null);
        PhasedLeastSquares.Fit direct = fit(series, directSteps, kept, Checkpoint::directMemoryUsed, Checkpoint::exchanges, 1);
        PhasedLeastSquares.Fit laterDirect = fit(series, directSteps, laterHalf(series, phase, kept),
                Checkpoint::directMemoryUsed, Checkpoint::exchanges, 1);
        PhasedLeastSquares.Fit rss = fit(series, LevelSteps.find(series, phase, kept, Checkpoint::rss, null),
                kept, Checkpoint::rss, Checkpoint::exchanges, 1);
        long stepsUp = heapSteps.steps().stream().filter(step -> step.bytes() > 0).count();
        if (stepsUp > 1) {
            notes.add(stepsUp + " steps up of heap after GC were absorbed as one-off, not per exchange: if the heap"
                    + " keeps growing in such steps, that is retention in chunks the slopes do not show");
        }
        if (heap.collinear().stream().anyMatch(column -> column < Checkpoint.PROTOCOLS.size())) {
            notes.add("HTTP/1.1 and HTTP/2 ran in a fixed proportion, so their retention cannot be told apart:"
                    + " run them one after the other (httpmem load --protocol both) or vary the mix");
        }
        for (int p = 0; p < protocols; p++) {
            if (heap.collinear().contains(HELD * protocols + p)) {
                notes.add(Checkpoint.PROTOCOLS.get(p) + " connections held after their close grew in step with its"
                        + " exchanges, so what each holds cannot be told from what each exchange keeps: its slope per"
                        + " exchange includes both");
            }
        }
        Map<String, ProtocolFit> result = new LinkedHashMap<>();
        for (int p = 0; p < protocols; p++) {
            if (exchanges(series, p) == 0) {
                continue;
            }
            int[] active = activeCheckpoints(series, phase, kept, p);
            result.put(Checkpoint.PROTOCOLS.get(p), new ProtocolFit(slope(heap, EXCHANGES, p),
                    MedianSlope.of(series, heapSteps.segment(), kept, Checkpoint::heapUsed, p), slope(laterHeap, EXCHANGES, p),
                    slope(perKiB, EXCHANGES, p), slope(direct, EXCHANGES, p), slope(laterDirect, EXCHANGES, p),
                    slope(rss, EXCHANGES, p),
                    slope(heap, OPEN, p), slope(heap, HELD, p), active[0], requestsNeeded(series, p, active)));
        }
        int phases = phase.length == 0 ? 0 : phase[phase.length - 1] + 1;
        return new Result(new FitSummary(recording, forcedOnly, all.size(), forced.size(),
                series.size() - keptCount, keptCount, phases, heapSteps.steps()), result, notes,
                fitted(recording, series, phase, kept, heapSteps, heap));
    }

    /**
     * The heap {@code fit} gives at each kept checkpoint: its segment's mean heap plus each slope times the
     * regressor's distance from the segment's mean (the intercept least squares gives a segment puts its line
     * through those means); the band swings the slopes per exchange to the ends of their intervals.
     */
    private static FittedSeries fitted(String recording, List<Checkpoint> series, int[] phase, boolean[] kept,
                                       LevelSteps.Segments segments, PhasedLeastSquares.Fit fit) {
        int protocols = Checkpoint.PROTOCOLS.size();
        Map<Integer, double[]> sums = new HashMap<>(); // per segment: heap, the regressors, then the count
        for (int i = 0; i < series.size(); i++) {
            Checkpoint checkpoint = series.get(i);
            if (kept[i] && checkpoint.heapUsed() >= 0) {
                double[] sum = sums.computeIfAbsent(segments.segment()[i], s -> new double[KINDS * protocols + 2]);
                double[] row = row(checkpoint, checkpoint.exchanges(), 1);
                sum[0] += checkpoint.heapUsed();
                for (int j = 0; j < row.length; j++) {
                    sum[j + 1] += row[j];
                }
                sum[sum.length - 1]++;
            }
        }
        List<FittedCheckpoint> points = new ArrayList<>(series.size());
        for (int i = 0; i < series.size(); i++) {
            Checkpoint checkpoint = series.get(i);
            int segment = segments.segment()[i];
            double[] sum = sums.get(segment);
            if (!kept[i] || sum == null || checkpoint.heapUsed() < 0) {
                points.add(new FittedCheckpoint(checkpoint, phase[i], !kept[i], segment, Double.NaN, Double.NaN,
                        Double.NaN));
                continue;
            }
            double count = sum[sum.length - 1];
            double[] row = row(checkpoint, checkpoint.exchanges(), 1);
            double fitted = sum[0] / count;
            double low = fitted;
            double high = fitted;
            for (int j = 0; j < row.length; j++) {
                Estimate slope = fit.slopes()[j];
                if (!slope.known()) {
                    continue; // a regressor without a slope did not vary within its phase, or moved with another
                }
                double distance = row[j] - sum[j + 1] / count;
                fitted += slope.estimate() * distance;
                boolean perExchange = j / protocols == EXCHANGES;
                low += perExchange ? Math.min(slope.ciLow() * distance, slope.ciHigh() * distance)
                        : slope.estimate() * distance;
                high += perExchange ? Math.max(slope.ciLow() * distance, slope.ciHigh() * distance)
                        : slope.estimate() * distance;
            }
            points.add(new FittedCheckpoint(checkpoint, phase[i], false, segment, fitted, low, high));
        }
        return new FittedSeries(recording, points);
    }

    /** The memory {@code fit} gives the change of held connections between two checkpoints; none without a slope. */
    private static double heldGrowth(PhasedLeastSquares.Fit fit, Checkpoint from, Checkpoint to) {
        double growth = 0;
        for (int p = 0; p < Checkpoint.PROTOCOLS.size(); p++) {
            Estimate perHeld = slope(fit, HELD, p);
            if (perHeld.known()) {
                growth += perHeld.estimate() * (to.connections().held()[p] - from.connections().held()[p]);
            }
        }
        return growth;
    }

    private static Estimate slope(PhasedLeastSquares.Fit fit, int kind, int protocol) {
        return fit.slopes()[kind * Checkpoint.PROTOCOLS.size() + protocol];
    }

    /** Fits memory on the exchanges ({@code counts}, in {@code unit}s) and the connections, per protocol. */
    private static PhasedLeastSquares.Fit fit(List<Checkpoint> series, LevelSteps.Segments segments, boolean[] kept,
                                              ToLongFunction<Checkpoint> memory,
                                              Function<Checkpoint, long[]> counts, double unit) {
        int protocols = Checkpoint.PROTOCOLS.size();
        PhasedLeastSquares squares = new PhasedLeastSquares(KINDS * protocols, protocols);
        for (int i = 0; i < series.size(); i++) {
            Checkpoint checkpoint = series.get(i);
            long y = memory.applyAsLong(checkpoint);
            if (kept[i] && y >= 0) {
                squares.add(segments.segment()[i], (double) y, row(checkpoint, counts.apply(checkpoint), unit));
            }
        }
        return squares.fit();
    }

    /** A checkpoint's regressors: its counts (exchanges or response KiB, in {@code unit}s) and connections. */
    private static double[] row(Checkpoint checkpoint, long[] counts, double unit) {
        int protocols = Checkpoint.PROTOCOLS.size();
        double[] row = new double[KINDS * protocols];
        for (int p = 0; p < protocols; p++) {
            row[EXCHANGES * protocols + p] = counts[p] / unit;
            row[OPEN * protocols + p] = checkpoint.connections().connected(p);
            row[HELD * protocols + p] = checkpoint.connections().held()[p];
        }
        return row;
    }

    /**
     * Phase of each checkpoint: that of the interval it starts, whose active protocols define the phase; the
     * last checkpoint ends the last interval. So a checkpoint between two phases opens the second: a protocol's
     * first use raises the heap before its first exchange ends, and that step must be the new phase's warm-up,
     * not the old phase's last point. An idle interval takes the phase that comes next, or, after the last
     * exchange, the last one.
     */
    static int[] phases(List<Checkpoint> series) {
        int n = series.size();
        int[] mask = new int[n];
        int next = -1;
        for (int i = n - 1; i >= 0; i--) {
            int active = i + 1 < n ? activeProtocols(series.get(i), series.get(i + 1))
                    : i > 0 ? activeProtocols(series.get(i - 1), series.get(i)) : -1;
            next = active >= 0 ? active : next;
            mask[i] = next;
        }
        int previous = -1;
        for (int i = 0; i < n; i++) {
            mask[i] = mask[i] >= 0 ? mask[i] : previous;
            previous = mask[i];
        }
        return mergeShortRuns(mask);
    }

    /** Bit p set when protocol p did at least {@link #ACTIVE_SHARE} of the interval's exchanges; -1 if idle. */
    private static int activeProtocols(Checkpoint from, Checkpoint to) {
        long total = to.totalExchanges() - from.totalExchanges();
        if (total <= 0) {
            return -1;
        }
        int mask = 0;
        for (int p = 0; p < from.exchanges().length; p++) {
            if (to.exchanges()[p] - from.exchanges()[p] >= ACTIVE_SHARE * total) {
                mask |= 1 << p;
            }
        }
        return mask;
    }

    private static int[] mergeShortRuns(int[] mask) {
        List<int[]> runs = new ArrayList<>(); // {mask, length}
        for (int i = 0; i < mask.length; ) {
            int end = i;
            while (end < mask.length && mask[end] == mask[i]) {
                end++;
            }
            runs.add(new int[] {mask[i], end - i});
            i = end;
        }
        List<int[]> merged = new ArrayList<>();
        int carried = 0;
        for (int[] run : runs) {
            int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && (run[1] < MIN_PHASE || last[0] == run[0])) {
                last[1] += run[1];
            } else if (last == null && run[1] < MIN_PHASE && run != runs.get(runs.size() - 1)) {
                carried += run[1];
            } else {
                merged.add(new int[] {run[0], run[1] + carried});
                carried = 0;
            }
        }
        int[] phase = new int[mask.length];
        int i = 0;
        for (int p = 0; p < merged.size(); p++) {
            for (int k = 0; k < merged.get(p)[1]; k++) {
                phase[i++] = p;
            }
        }
        return phase;
    }

    /** Drops each phase's checkpoints until it has done {@link #WARM_UP_SHARE} of its exchanges. */
    static boolean[] dropWarmUp(List<Checkpoint> series, int[] phase) {
        boolean[] kept = new boolean[series.size()];
        for (int start = 0; start < series.size(); ) {
            int end = start;
            while (end < series.size() && phase[end] == phase[start]) {
                end++;
            }
            long reference = series.get(start).totalExchanges();
            long total = series.get(end - 1).totalExchanges() - reference;
            for (int i = start; i < end; i++) {
                kept[i] = series.get(i).totalExchanges() - reference >= WARM_UP_SHARE * total;
            }
            start = end;
        }
        return kept;
    }

    /** The kept checkpoints in the later half, by exchanges, of each phase's kept ones. */
    static boolean[] laterHalf(List<Checkpoint> series, int[] phase, boolean[] kept) {
        boolean[] later = new boolean[series.size()];
        for (int start = 0; start < series.size(); ) {
            int end = start;
            while (end < series.size() && phase[end] == phase[start]) {
                end++;
            }
            int first = -1;
            int last = -1;
            for (int i = start; i < end; i++) {
                if (kept[i]) {
                    first = first < 0 ? i : first;
                    last = i;
                }
            }
            if (first >= 0) {
                long reference = series.get(first).totalExchanges();
                long total = series.get(last).totalExchanges() - reference;
                for (int i = first; i <= last; i++) {
                    later[i] = kept[i] && series.get(i).totalExchanges() - reference >= total / 2.0;
                }
            }
            start = end;
        }
        return later;
    }

    private static long exchanges(List<Checkpoint> series, int p) {
        return series.isEmpty() ? 0
                : series.get(series.size() - 1).exchanges()[p] - series.get(0).exchanges()[p];
    }

    /** {kept, all} checkpoints in the phases where protocol p made progress: the points its slope rests on. */
    private static int[] activeCheckpoints(List<Checkpoint> series, int[] phase, boolean[] kept, int p) {
        int[] count = new int[2];
        for (int start = 0; start < series.size(); ) {
            int end = start;
            while (end < series.size() && phase[end] == phase[start]) {
                end++;
            }
            if (series.get(end - 1).exchanges()[p] > series.get(start).exchanges()[p]) {
                for (int i = start; i < end; i++) {
                    count[0] += kept[i] ? 1 : 0;
                }
                count[1] += end - start;
            }
            start = end;
        }
        return count;
    }

    /**
     * More requests of protocol p to reach {@link #MIN_CHECKPOINTS}, at the exchanges per checkpoint seen where
     * it ran; with fewer than two checkpoints there is no rate to go by and the answer is 0: say "more GCs".
     */
    private static long requestsNeeded(List<Checkpoint> series, int p, int[] active) {
        if (active[0] >= MIN_CHECKPOINTS || active[1] < 2) {
            return 0;
        }
        double perCheckpoint = (double) exchanges(series, p) / Math.max(1, active[1] - 1);
        return (long) Math.ceil((MIN_CHECKPOINTS - active[0]) / (1 - WARM_UP_SHARE) * perCheckpoint);
    }
}
