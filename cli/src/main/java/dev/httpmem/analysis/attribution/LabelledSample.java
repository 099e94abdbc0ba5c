package dev.httpmem.analysis.attribution;

import java.util.List;

/**
 * One allocation sample ({@code jdk.ObjectAllocationSample}) or old-object sample ({@code jdk.OldObjectSample}) with
 * its whole stack and what it was allocated for.
 *
 * @param frames innermost first, hidden frames (lambda forms, whose names differ from run to run) left out
 * @param bytes for an allocation sample, the bytes it stands for (its weight); for an old-object sample, the object's
 *              size, or -1 where the JDK did not record it (before JDK 22)
 */
public record LabelledSample(Kind kind, String objectClass, List<StackFrame> frames, long bytes, SampleLabels labels) {

    /** Which sample it is. */
    public enum Kind {
        /** An allocation sample. */
        ALLOCATION,
        /** An old-object sample: an object still live when the recording ended. */
        LIVE
    }

    public LabelledSample {
        frames = List.copyOf(frames);
    }
}
