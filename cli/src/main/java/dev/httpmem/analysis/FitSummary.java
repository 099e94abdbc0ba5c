package dev.httpmem.analysis;

/**
 * How one recording's retention was fitted: on forced full GCs ({@code forcedOnly}) or on every GC;
 * {@code checkpoints} of {@code available} kept after dropping {@code warmUp} as warm-up, in {@code phases}
 * stretches of constant protocol mix, each with its own intercept.
 */
public record FitSummary(
        String recording,
        boolean forcedOnly,
        int available,
        int forced,
        int warmUp,
        int checkpoints,
        int phases) {
}
