package dev.httpmem.analysis;

/** The latest {@code httpmem.AgentStatistics} event. */
public record AgentHealth(
        String agentVersion,
        String stacks,
        long exchangesStarted,
        long exchangesEnded,
        long exchangesOpen,
        long suppressedErrors,
        long untracked) {
}
