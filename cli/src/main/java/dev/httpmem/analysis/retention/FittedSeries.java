package dev.httpmem.analysis.retention;

import java.util.List;

/** The checkpoints one recording's heap was fitted on, in time order, with the fit's line through them. */
public record FittedSeries(String recording, List<FittedCheckpoint> points) {
    public FittedSeries {
        points = List.copyOf(points);
    }
}
