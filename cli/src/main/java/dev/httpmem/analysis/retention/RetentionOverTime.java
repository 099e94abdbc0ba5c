package dev.httpmem.analysis.retention;

import dev.httpmem.analysis.attribution.RetainedPath;
import java.util.List;

/**
 * What a recording without exchanges still tells of retention (a server httpmem does not instrument, say): how the
 * heap after GC moved against time, and what the objects still live at the end were held by. Without exchanges
 * there is nothing to fit per request; the reference chains of a leak still name what keeps it.
 *
 * @param heapPerMinute the slope of the heap after GC against minutes, its first fifth of GCs left out as warm-up
 * @param checkpoints   the GCs it was fitted on
 * @param forcedOnly    whether those were the forced full GCs alone
 * @param paths         the reference chains of live samples allocated outside every exchange, most samples first
 */
public record RetentionOverTime(String recording, Estimate heapPerMinute, int checkpoints, boolean forcedOnly,
                                List<RetainedPath> paths) {
    /** Fewer GCs than a slope over time is given for. */
    static final int MIN_CHECKPOINTS = 3;
    /** Fewer forced full GCs than are fitted alone: on 3 or 4 points the interval is too wide to tell growth. */
    static final int MIN_FORCED_CHECKPOINTS = 5;

    public RetentionOverTime {
        paths = List.copyOf(paths);
    }

    /** Whether the heap after GC grew, with 95% confidence. */
    public boolean grows() {
        return heapPerMinute.known() && heapPerMinute.ciLow() > 0;
    }

    /** "7 forced full GCs" or "12 GCs": what the slope was fitted on. */
    public String fittedOn() {
        return checkpoints + (forcedOnly ? " forced full GCs" : " GCs");
    }

    /**
     * The heap after GC against time over {@code series} (in time order), after its first
     * {@link RetentionFit#WARM_UP_SHARE} of checkpoints: loading classes and filling pools is no retention. On the
     * forced full GCs alone where there are enough of them: after a young GC the heap still holds whatever garbage
     * the old generation has gathered, which hid a steady leak in the noise.
     */
    public static RetentionOverTime fit(String recording, List<Checkpoint> series, List<RetainedPath> paths) {
        List<Checkpoint> forced = afterWarmUp(series.stream().filter(Checkpoint::forced).toList());
        boolean forcedOnly = forced.size() >= MIN_FORCED_CHECKPOINTS;
        List<Checkpoint> kept = forcedOnly ? forced : afterWarmUp(series);
        if (kept.size() < MIN_CHECKPOINTS) {
            return new RetentionOverTime(recording, Estimate.NONE, 0, false, paths);
        }
        long start = kept.get(0).timeNanos();
        PhasedLeastSquares squares = new PhasedLeastSquares(1);
        for (Checkpoint checkpoint : kept) {
            squares.add(0, (double) checkpoint.heapUsed(), (checkpoint.timeNanos() - start) / 60e9);
        }
        return new RetentionOverTime(recording, squares.fit().slopes()[0], kept.size(), forcedOnly, paths);
    }

    private static List<Checkpoint> afterWarmUp(List<Checkpoint> series) {
        return series.subList((int) Math.floor(series.size() * RetentionFit.WARM_UP_SHARE), series.size());
    }
}
