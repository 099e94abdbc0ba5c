package dev.httpmem.schema;

/** The fields of {@code httpmem.AgentStatistics} ({@link EventNames#AGENT_STATISTICS}), by the names the agent records them under. */
public final class AgentStatisticsFields {
    public static final String AGENT_VERSION = "agentVersion";
    public static final String STACKS = "stacks";
    public static final String EXCHANGES_STARTED = "exchangesStarted";
    public static final String EXCHANGES_ENDED = "exchangesEnded";
    public static final String EXCHANGES_OPEN = "exchangesOpen";
    public static final String SUPPRESSED_ERRORS = "suppressedErrors";
    public static final String UNTRACKED = "untracked";
    public static final String SERVERS_NOT_INSTRUMENTED = "serversNotInstrumented";
    public static final String OPENED_TWICE = "openedTwice";
    public static final String SLICES_TOO_DEEP = "slicesTooDeep";
    public static final String EVERY_SLICE = "everySlice";
    public static final String LISTING = CommonFields.LISTING;

    private AgentStatisticsFields() {}
}
