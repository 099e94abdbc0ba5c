package dev.httpmem.analysis.model;

import dev.httpmem.analysis.attribution.LabelledSample;
import dev.httpmem.analysis.read.RecordingInfo;
import java.util.List;

/**
 * A recording's allocation samples, and with {@code live} its old-object samples, each labelled with what it was
 * allocated for.
 */
public record LabelledSamples(RecordingInfo recording, boolean live, List<LabelledSample> samples) {
    public LabelledSamples {
        samples = List.copyOf(samples);
    }
}
