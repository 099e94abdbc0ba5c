/**
 * The retention fit: memory after GC ({@link Checkpoint}) against each protocol's cumulative exchanges, one
 * intercept per phase and per one-off step ({@link RetentionFit}, {@link PhasedLeastSquares}, {@link LevelSteps}),
 * with 95% intervals ({@link Estimate}, {@link StudentT}); the steps up of the heap and what began in them
 * ({@link OneOffRetentions}), the heap against time where there are no exchanges ({@link RetentionOverTime}), and the
 * agent's retention tracker ({@link TrackerResults}).
 */
package dev.httpmem.analysis.retention;
