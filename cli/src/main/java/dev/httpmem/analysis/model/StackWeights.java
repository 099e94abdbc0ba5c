package dev.httpmem.analysis.model;

import java.util.Map;

/**
 * What one flame graph draws: a weight per distinct stack (bytes for allocation samples, samples for old-object
 * ones), and what was folded into one frame past the {@link StackTally}'s limit of distinct stacks.
 *
 * @param foldedSamples the samples whose stacks came after the limit was reached, drawn as one frame
 * @param foldedWeight  their weight
 */
public record StackWeights(Map<SampleStack, Long> weights, long foldedSamples, long foldedWeight) {
    /** No sample. */
    public static final StackWeights NONE = new StackWeights(Map.of(), 0, 0);

    public StackWeights {
        weights = Map.copyOf(weights);
    }

    public boolean isEmpty() {
        return weights.isEmpty() && foldedSamples == 0;
    }
}
