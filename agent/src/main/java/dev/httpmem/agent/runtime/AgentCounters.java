package dev.httpmem.agent.runtime;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/** The agent's own health, reported in httpmem.AgentStatistics. */
public final class AgentCounters {
    static final LongAdder EXCHANGES_STARTED = new LongAdder();
    static final LongAdder EXCHANGES_ENDED = new LongAdder();
    static final LongAdder SUPPRESSED_ERRORS = new LongAdder();
    static final LongAdder UNTRACKED = new LongAdder();
    static final LongAdder SLICES_TOO_DEEP = new LongAdder();
    static final LongAdder OPENED_TWICE = new LongAdder();
    private static final AtomicBoolean FIRST_SUPPRESSED_LOGGED = new AtomicBoolean();
    /** Enough to show the advice and the stack method it ran in. */
    private static final int LOGGED_FRAMES = 6;

    private AgentCounters() {}

    /**
     * Called by every advice's exception handler instead of letting the host see our failure. The first is logged
     * with where it happened, so that a user can report it (and a test name it); the others only at debug level.
     */
    public static void suppressed(Throwable error) {
        SUPPRESSED_ERRORS.increment();
        if (FIRST_SUPPRESSED_LOGGED.compareAndSet(false, true)) {
            AgentLog.info("advice error suppressed (the first; the others are logged at log=debug): " + trace(error));
        } else {
            AgentLog.debug("advice error suppressed: " + error);
        }
    }

    private static String trace(Throwable error) {
        StringBuilder text = new StringBuilder(String.valueOf(error));
        StackTraceElement[] frames = error.getStackTrace();
        for (int i = 0; i < Math.min(frames.length, LOGGED_FRAMES); i++) {
            text.append(" at ").append(frames[i]).append(i + 1 < frames.length ? ";" : "");
        }
        return text.toString();
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
