package dev.httpmem.analysis;

/**
 * A one-off jump of memory after GC within a phase, absorbed by an intercept of its own rather than read as
 * retention: a pool releasing its buffers, a cache filling once. It happened between the checkpoints at
 * {@code fromExchanges} and {@code toExchanges} cumulative exchanges (all protocols), and moved memory by
 * {@code bytes} beyond what the phase's typical growth explains.
 */
public record LevelStep(long fromExchanges, long toExchanges, long bytes) {
}
