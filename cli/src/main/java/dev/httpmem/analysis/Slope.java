package dev.httpmem.analysis;

/** A fitted slope and the half-width of its 95% confidence interval, from {@code points} points. */
public record Slope(double value, double ci95, long points) {
}
