package dev.httpmem.analysis.retention;

/**
 * One checkpoint of the series a recording's heap was fitted on, placed as the fit placed it: in {@code phase}
 * (a stretch of constant protocol mix), dropped as the phase's {@code warmUp} or kept, and in {@code segment} (the
 * phase, split at the heap's one-off steps, each with an intercept of its own). {@code fittedHeap} is the heap the
 * fit gives there; {@code fittedLow} and {@code fittedHigh} the same with each protocol's slope per exchange at
 * the ends of its 95% interval, pivoting on the segment's mean: the band of lines the intervals allow. All three
 * are NaN for a warm-up checkpoint, or one whose heap is unknown.
 */
public record FittedCheckpoint(Checkpoint checkpoint, int phase, boolean warmUp, int segment,
                               double fittedHeap, double fittedLow, double fittedHigh) {
}
