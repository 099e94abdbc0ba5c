package dev.httpmem.agent.runtime;

import java.util.concurrent.atomic.LongAdder;

/** The agent's own health, reported in httpmem.AgentStatistics. */
public final class AgentCounters {
    static final LongAdder EXCHANGES_STARTED = new LongAdder();
    static final LongAdder EXCHANGES_ENDED = new LongAdder();
    static final LongAdder SUPPRESSED_ERRORS = new LongAdder();
    static final LongAdder UNTRACKED = new LongAdder();
    static final LongAdder SLICES_TOO_DEEP = new LongAdder();
    static final LongAdder OPENED_TWICE = new LongAdder();

    private AgentCounters() {}

    /** Called by every advice's exception handler instead of letting the host see our failure. */
    public static void suppressed(Throwable error) {
        SUPPRESSED_ERRORS.increment();
        AgentLog.debug("advice error suppressed: " + error);
    }

    public static long exchangesStarted() {
        return EXCHANGES_STARTED.sum();
    }

    public static long exchangesEnded() {
        return EXCHANGES_ENDED.sum();
    }

    public static long suppressedErrors() {
        return SUPPRESSED_ERRORS.sum() + AllocationMeter.virtualThreadErrors();
    }

    /** Slices entered inside as many open ones as a thread keeps: measured with the innermost open slice, not alone. */
    public static long slicesTooDeep() {
        return SLICES_TOO_DEEP.sum();
    }

    /**
     * Exchanges opened for a key that had one open: a stack's recycled request object whose recycling the agent
     * missed would make two requests one exchange.
     */
    public static long openedTwice() {
        return OPENED_TWICE.sum();
    }

    public static long untracked() {
        return UNTRACKED.sum();
    }
}
