package dev.httpmem.schema;

/**
 * The names of httpmem's JFR events: the agent records its events under these, the CLI and the tests read them by
 * these, so that renaming one renames it everywhere. They are compile-time constants, which annotations take.
 */
public final class EventNames {
    /** One HTTP/1.1 request or one HTTP/2 stream, with what was allocated for it. */
    public static final String EXCHANGE = "httpmem.Exchange";
    /** A piece of work on one thread for an exchange or a connection. */
    public static final String SLICE = "httpmem.Slice";
    /** An HTTP/2 frame written for an exchange (detail=all). */
    public static final String FRAME_WRITE = "httpmem.FrameWrite";
    /** An HTTP/1.1 body write for an exchange (detail=all). */
    public static final String BODY_WRITE = "httpmem.BodyWrite";
    /** The agent's own health, at every chunk. */
    public static final String AGENT_STATISTICS = "httpmem.AgentStatistics";
    /** The JVM's allocation by kind of work, every second. */
    public static final String ALLOCATION_TOTALS = "httpmem.AllocationTotals";
    /** Heap, direct memory and RSS after a GC, with the exchanges so far. */
    public static final String HEAP_CHECKPOINT = "httpmem.HeapCheckpoint";
    /** An exchange open for long, listed at a checkpoint. */
    public static final String OPEN_EXCHANGE = "httpmem.OpenExchange";
    /** A connection that outlived its exchanges, listed at a checkpoint. */
    public static final String IDLE_CONNECTION = "httpmem.IdleConnection";
    /** A closed connection still reachable, listed at a checkpoint. */
    public static final String LEAKED_CONNECTION = "httpmem.LeakedConnection";
    /** What the retention tracker found of the objects it watched. */
    public static final String RETENTION = "httpmem.Retention";

    private EventNames() {}
}
