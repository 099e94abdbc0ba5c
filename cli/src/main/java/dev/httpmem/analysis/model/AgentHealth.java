package dev.httpmem.analysis.model;

/**
 * The latest {@code httpmem.AgentStatistics} event.
 *
 * @param everySlice whether every frame and body write was recorded as a slice of its own ({@code detail=all}, and
 *                   agents before the field); otherwise a write made inside a connection's work (its flush) counted,
 *                   bytes and allocation samples, as that work, and the samples of one made inside another stream's
 *                   handling went to that handling
 * @param slicesTooDeep slices nested deeper than the agent keeps, counted for the slice around them (0 in recordings
 *                      of agents before the field)
 * @param openedTwice   exchanges opened for a key that had one open, counted with it (0 before the field)
 * @param serversNotInstrumented HTTP servers the application ran and httpmem did not instrument, each with what to do
 *                               about it, separated by "; "; empty for none (and before the field)
 */
public record AgentHealth(
        String agentVersion,
        String stacks,
        long exchangesStarted,
        long exchangesEnded,
        long exchangesOpen,
        long suppressedErrors,
        long untracked,
        long slicesTooDeep,
        long openedTwice,
        String serversNotInstrumented,
        boolean everySlice) {
}
