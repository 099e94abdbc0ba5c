package dev.httpmem.analysis.retention;

import dev.httpmem.analysis.attribution.RetainedSite;
import java.util.List;

/**
 * A step up of the heap after GC that the fit absorbed as one-off: memory a burst of work kept once rather than
 * per exchange. With it, what began in its window: exchanges, and how many of them failed (any outcome but
 * completed); connections first seen, and how many of those carried a failed exchange in it; and the retained
 * sites (old-object samples still live at the end) allocated in it.
 */
public record OneOffRetention(
        String recording,
        LevelStep step,
        long exchangesBegun,
        long exchangesFailed,
        long connectionsBegun,
        long connectionsFailed,
        List<RetainedSite> sites) {
    /** A step this large is named in the verdict whatever the heap. */
    public static final long SIGNIFICANT_BYTES = 1 << 20;
    /** A step this share of the heap before it is named in the verdict whatever its size. */
    public static final double SIGNIFICANT_SHARE = 0.05;

    public OneOffRetention {
        sites = List.copyOf(sites);
    }

    /** Large enough to lead the verdict. */
    public boolean significant() {
        return step.bytes() > SIGNIFICANT_BYTES || step.bytes() > SIGNIFICANT_SHARE * step.memoryBefore();
    }
}
