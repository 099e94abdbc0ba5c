package dev.httpmem.analysis.retention;

import java.util.List;

/**
 * How one recording's retention was fitted: on forced full GCs ({@code forcedOnly}) or on every GC;
 * {@code checkpoints} of {@code available} kept after dropping {@code warmUp} as warm-up, in {@code phases}
 * stretches of constant protocol mix, each with its own intercept, and one more intercept after each of the
 * heap's {@code steps} (direct memory and RSS are split at their own steps, which are not listed).
 */
public record FitSummary(
        String recording,
        boolean forcedOnly,
        int available,
        int forced,
        int warmUp,
        int checkpoints,
        int phases,
        List<LevelStep> steps) {
    public FitSummary {
        steps = List.copyOf(steps);
    }
}
