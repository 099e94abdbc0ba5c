package dev.httpmem.analysis;

/**
 * The latest {@code httpmem.AgentStatistics} event.
 *
 * @param everySlice whether every frame and body write was recorded as a slice of its own ({@code detail=all}, and
 *                   agents before the field); otherwise the allocation samples of a write made inside other recorded
 *                   work (a connection's flush, another stream's handling) went to that work
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
