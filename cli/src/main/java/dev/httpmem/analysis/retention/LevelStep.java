package dev.httpmem.analysis.retention;

import dev.httpmem.analysis.render.Units;
import java.util.Objects;

/**
 * A one-off jump of memory after GC within a phase, absorbed by an intercept of its own rather than read as
 * retention: a pool releasing its buffers, a cache filling once, a burst of requests that kept what they made.
 * It happened between the checkpoints at {@code fromExchanges} and {@code toExchanges} cumulative exchanges (all
 * protocols), taken at {@code startNanos} and {@code endNanos} (epoch), and moved memory by {@code bytes} beyond
 * what the phase's typical growth explains, from {@code memoryBefore}. {@code protocol} is the one protocol whose
 * exchanges ran between them, numbered {@code fromProtocolExchanges}..{@code toProtocolExchanges}; null when both
 * ran.
 */
public record LevelStep(long fromExchanges, long toExchanges, long bytes, long startNanos, long endNanos,
                        long memoryBefore, String protocol, long fromProtocolExchanges, long toProtocolExchanges) {

    /** "HTTP/2 exchanges 4,001 and 4,201 (12:01:07–12:01:44)": where and when it happened. */
    public String place() {
        return (protocol == null ? "" : protocol + " ") + "exchanges " + Units.count(fromProtocolExchanges + 1)
                + " and " + Units.count(toProtocolExchanges) + " (" + Units.clock(startNanos) + "–"
                + Units.clock(endNanos) + ")";
    }

    /** Whether {@code next} begins at the checkpoint where this one ends. */
    boolean continuesInto(LevelStep next) {
        return next.fromExchanges == toExchanges && next.startNanos == endNanos;
    }

    /** This step and {@code next}, which {@link #continuesInto} it, as one. */
    LevelStep through(LevelStep next) {
        boolean oneProtocol = Objects.equals(protocol, next.protocol);
        return new LevelStep(fromExchanges, next.toExchanges, bytes + next.bytes, startNanos, next.endNanos,
                memoryBefore, oneProtocol ? protocol : null, oneProtocol ? fromProtocolExchanges : fromExchanges,
                oneProtocol ? next.toProtocolExchanges : next.toExchanges);
    }

    static LevelStep between(Checkpoint from, Checkpoint to, long bytes, long memoryBefore) {
        int only = -1;
        for (int p = 0; p < from.exchanges().length; p++) {
            if (to.exchanges()[p] > from.exchanges()[p]) {
                only = only == -1 ? p : -2;
            }
        }
        return only < 0
                ? new LevelStep(from.totalExchanges(), to.totalExchanges(), bytes, from.timeNanos(), to.timeNanos(),
                        memoryBefore, null, from.totalExchanges(), to.totalExchanges())
                : new LevelStep(from.totalExchanges(), to.totalExchanges(), bytes, from.timeNanos(), to.timeNanos(),
                        memoryBefore, Checkpoint.PROTOCOLS.get(only), from.exchanges()[only], to.exchanges()[only]);
    }
}
