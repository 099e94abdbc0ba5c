package dev.httpmem.analysis.read;

import dev.httpmem.schema.AgentStatisticsFields;
import dev.httpmem.schema.AllocationTotalsFields;
import dev.httpmem.schema.EventNames;
import dev.httpmem.schema.ExchangeFields;
import dev.httpmem.schema.HeapCheckpointFields;
import dev.httpmem.schema.IdleConnectionFields;
import dev.httpmem.schema.LeakedConnectionFields;
import dev.httpmem.schema.OpenExchangeFields;
import dev.httpmem.schema.SliceFields;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * httpmem's many events, and the JDK's allocation samples, as the analyses read them by position ({@link RecordingStream.Handlers#positional}): one
 * list of fields per type, which every analysis of a reading shares, and the place of each field in it.
 */
public final class PositionalEvents {
    public static final int EXCHANGE_PROTOCOL = 0;
    public static final int EXCHANGE_METHOD = 1;
    public static final int EXCHANGE_PATH = 2;
    public static final int EXCHANGE_OUTCOME = 3;
    public static final int EXCHANGE_ALLOCATED = 4;
    public static final int EXCHANGE_RESPONSE_BYTES = 5;
    public static final int EXCHANGE_WRITES = 6;
    public static final int EXCHANGE_ID = 7;
    public static final int EXCHANGE_CONNECTION = 8;
    public static final int EXCHANGE_FAILURE = 9;
    public static final int EXCHANGE_STATUS = 10;
    public static final int EXCHANGE_MEASURED = 11;
    public static final int EXCHANGE_STACK = 12;
    public static final int EXCHANGE_STREAM = 13;
    public static final int EXCHANGE_ROLE = 14;
    public static final ChunkEvents.Wanted EXCHANGE = new ChunkEvents.Wanted(EventNames.EXCHANGE, List.of(
            ExchangeFields.PROTOCOL, ExchangeFields.METHOD, ExchangeFields.PATH, ExchangeFields.OUTCOME,
            ExchangeFields.ALLOCATED_BYTES, ExchangeFields.RESPONSE_BODY_BYTES, ExchangeFields.RESPONSE_WRITES,
            ExchangeFields.EXCHANGE_ID, ExchangeFields.CONNECTION_ID, ExchangeFields.FAILURE, ExchangeFields.STATUS,
            ExchangeFields.ALLOCATION_MEASURED, ExchangeFields.STACK, ExchangeFields.STREAM_ID, ExchangeFields.ROLE),
            // Recordings of older agents lack these.
            Set.of(ExchangeFields.FAILURE, ExchangeFields.STATUS, ExchangeFields.ALLOCATION_MEASURED, ExchangeFields.STACK,
                    ExchangeFields.ROLE));

    public static final int SLICE_PROTOCOL = 0;
    public static final int SLICE_KIND = 1;
    public static final int SLICE_EXCHANGE = 2;
    public static final int SLICE_CONNECTION = 3;
    public static final int SLICE_ROLE = 4;
    public static final ChunkEvents.Wanted SLICE = new ChunkEvents.Wanted(EventNames.SLICE,
            List.of(SliceFields.PROTOCOL, SliceFields.KIND, SliceFields.EXCHANGE_ID, SliceFields.CONNECTION_ID,
                    SliceFields.ROLE),
            // Slices of older agents named no connection, nor role.
            Set.of(SliceFields.CONNECTION_ID, SliceFields.ROLE));

    public static final int ALLOCATION_CLASS = 0;
    public static final int ALLOCATION_STACK = 1;
    public static final int ALLOCATION_WEIGHT = 2;
    /** The JDK's allocation samples: where the JDK's parser made objects of every frame of every sample's stack. */
    public static final ChunkEvents.Wanted ALLOCATION_SAMPLE = new ChunkEvents.Wanted("jdk.ObjectAllocationSample",
            List.of("objectClass", "stackTrace", "weight"));

    /*
     * The agent's few events whose handling follows time ({@link RecordingStream.Handlers#positionalInTimeOrder}).
     * Each type's listing number comes first, where the listings' handling finds it.
     */
    public static final int LISTING = 0;

    public static final int STATISTICS_VERSION = 1;
    public static final int STATISTICS_STACKS = 2;
    public static final int STATISTICS_STARTED = 3;
    public static final int STATISTICS_ENDED = 4;
    public static final int STATISTICS_OPEN = 5;
    public static final int STATISTICS_SUPPRESSED = 6;
    public static final int STATISTICS_UNTRACKED = 7;
    public static final int STATISTICS_SLICES_TOO_DEEP = 8;
    public static final int STATISTICS_OPENED_TWICE = 9;
    public static final int STATISTICS_NOT_INSTRUMENTED = 10;
    public static final int STATISTICS_EVERY_SLICE = 11;
    public static final ChunkEvents.Wanted AGENT_STATISTICS = new ChunkEvents.Wanted(EventNames.AGENT_STATISTICS, List.of(
            AgentStatisticsFields.LISTING, AgentStatisticsFields.AGENT_VERSION, AgentStatisticsFields.STACKS,
            AgentStatisticsFields.EXCHANGES_STARTED, AgentStatisticsFields.EXCHANGES_ENDED,
            AgentStatisticsFields.EXCHANGES_OPEN, AgentStatisticsFields.SUPPRESSED_ERRORS, AgentStatisticsFields.UNTRACKED,
            AgentStatisticsFields.SLICES_TOO_DEEP, AgentStatisticsFields.OPENED_TWICE,
            AgentStatisticsFields.SERVERS_NOT_INSTRUMENTED, AgentStatisticsFields.EVERY_SLICE),
            // Recordings of older agents lack these.
            Set.of(AgentStatisticsFields.SLICES_TOO_DEEP, AgentStatisticsFields.OPENED_TWICE,
                    AgentStatisticsFields.SERVERS_NOT_INSTRUMENTED, AgentStatisticsFields.EVERY_SLICE));

    /** A heap checkpoint, for the listing it announces. */
    public static final ChunkEvents.Wanted CHECKPOINT_LISTING = new ChunkEvents.Wanted(EventNames.HEAP_CHECKPOINT,
            List.of(HeapCheckpointFields.LISTING));

    public static final int OPEN_EXCHANGE_ID = 1;
    public static final int OPEN_EXCHANGE_AGE = 2;
    public static final int OPEN_EXCHANGE_STACK = 3;
    public static final int OPEN_EXCHANGE_PROTOCOL = 4;
    public static final int OPEN_EXCHANGE_ROLE = 5;
    public static final int OPEN_EXCHANGE_CONNECTION = 6;
    public static final int OPEN_EXCHANGE_STREAM = 7;
    public static final int OPEN_EXCHANGE_METHOD = 8;
    public static final int OPEN_EXCHANGE_PATH = 9;
    public static final ChunkEvents.Wanted OPEN_EXCHANGE = new ChunkEvents.Wanted(EventNames.OPEN_EXCHANGE, List.of(
            OpenExchangeFields.LISTING, OpenExchangeFields.EXCHANGE_ID, OpenExchangeFields.AGE, OpenExchangeFields.STACK,
            OpenExchangeFields.PROTOCOL, OpenExchangeFields.ROLE, OpenExchangeFields.CONNECTION_ID,
            OpenExchangeFields.STREAM_ID, OpenExchangeFields.METHOD, OpenExchangeFields.PATH),
            Set.of(OpenExchangeFields.ROLE));

    public static final int IDLE_CONNECTION_ID = 1;
    public static final int IDLE_CONNECTION_STACK = 2;
    public static final int IDLE_CONNECTION_PROTOCOL = 3;
    public static final int IDLE_CONNECTION_ROLE = 4;
    public static final int IDLE_CONNECTION_AGE = 5;
    public static final int IDLE_CONNECTION_IDLE = 6;
    public static final int IDLE_CONNECTION_EXCHANGES = 7;
    public static final int IDLE_CONNECTION_PEER = 8;
    public static final ChunkEvents.Wanted IDLE_CONNECTION = new ChunkEvents.Wanted(EventNames.IDLE_CONNECTION, List.of(
            IdleConnectionFields.LISTING, IdleConnectionFields.CONNECTION_ID, IdleConnectionFields.STACK,
            IdleConnectionFields.PROTOCOL, IdleConnectionFields.ROLE, IdleConnectionFields.AGE, IdleConnectionFields.IDLE,
            IdleConnectionFields.EXCHANGES, IdleConnectionFields.PEER),
            Set.of(IdleConnectionFields.ROLE, IdleConnectionFields.PEER));

    public static final int LEAKED_CONNECTION_ID = 1;
    public static final int LEAKED_CONNECTION_STACK = 2;
    public static final int LEAKED_CONNECTION_PROTOCOL = 3;
    public static final int LEAKED_CONNECTION_ROLE = 4;
    public static final int LEAKED_CONNECTION_KIND = 5;
    public static final int LEAKED_CONNECTION_AGE = 6;
    public static final int LEAKED_CONNECTION_LEAKED_FOR = 7;
    public static final int LEAKED_CONNECTION_EXCHANGES = 8;
    public static final int LEAKED_CONNECTION_FAILED = 9;
    public static final ChunkEvents.Wanted LEAKED_CONNECTION = new ChunkEvents.Wanted(EventNames.LEAKED_CONNECTION, List.of(
            LeakedConnectionFields.LISTING, LeakedConnectionFields.CONNECTION_ID, LeakedConnectionFields.STACK,
            LeakedConnectionFields.PROTOCOL, LeakedConnectionFields.ROLE, LeakedConnectionFields.KIND,
            LeakedConnectionFields.AGE, LeakedConnectionFields.LEAKED_FOR, LeakedConnectionFields.EXCHANGES,
            LeakedConnectionFields.FAILED_EXCHANGES),
            Set.of(LeakedConnectionFields.ROLE));

    /** The agent's periodic allocation totals: the fields' places are those of their names in the list. */
    public static final ChunkEvents.Wanted ALLOCATION_TOTALS = new ChunkEvents.Wanted(EventNames.ALLOCATION_TOTALS, List.of(
            AllocationTotalsFields.JVM_ALLOCATED_BYTES, AllocationTotalsFields.PROFILER_BYTES,
            AllocationTotalsFields.IO_LOOP_BYTES, AllocationTotalsFields.UNASSIGNED_CONNECTION_BYTES,
            AllocationTotalsFields.HTTP1_EXCHANGES, AllocationTotalsFields.HTTP1_EXCHANGE_BYTES,
            AllocationTotalsFields.HTTP1_CONNECTION_BYTES,
            AllocationTotalsFields.HTTP2_EXCHANGES, AllocationTotalsFields.HTTP2_EXCHANGE_BYTES,
            AllocationTotalsFields.HTTP2_CONNECTION_BYTES));

    private PositionalEvents() {}

    /** A field the agent records as a {@code Timespan} of nanoseconds (an age, how long idle). */
    public static Duration nanoseconds(ChunkEvents.Event event, int field) {
        return Duration.ofNanos(event.number(field));
    }

    /**
     * What an exchange or slice read by position is grouped under: its protocol ({@link #text}), keyed by its
     * role ({@link ExchangeRole#protocolKey}).
     */
    public static String protocolKey(ChunkEvents.Event event, int protocolField, int roleField) {
        return ExchangeRole.protocolKey(event.text(roleField), text(event, protocolField));
    }

    /** A text field of an event read by position, {@link Events#NONE} when unset, as {@link Events#text} reads it. */
    public static String text(ChunkEvents.Event event, int field) {
        String text = event.text(field);
        return text == null ? Events.NONE : text;
    }
}
