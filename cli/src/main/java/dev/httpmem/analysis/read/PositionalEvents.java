package dev.httpmem.analysis.read;

import dev.httpmem.schema.AgentStatisticsFields;
import dev.httpmem.schema.AllocationTotalsFields;
import dev.httpmem.schema.CommonFields;
import dev.httpmem.schema.EventNames;
import dev.httpmem.schema.ExchangeFields;
import dev.httpmem.schema.HeapCheckpointFields;
import dev.httpmem.schema.IdleConnectionFields;
import dev.httpmem.schema.LeakedConnectionFields;
import dev.httpmem.schema.OpenExchangeFields;
import dev.httpmem.schema.RetentionFields;
import dev.httpmem.schema.SliceFields;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * httpmem's events, and the JDK's allocation samples, as the analyses read them by position
 * ({@link RecordingStream.Handlers#positional}): one list of fields per type, which every analysis of a reading
 * shares, and the place of each field in it, found there by name.
 */
public final class PositionalEvents {
    public static final ChunkEvents.Wanted EXCHANGE = new ChunkEvents.Wanted(EventNames.EXCHANGE, List.of(
            ExchangeFields.PROTOCOL, ExchangeFields.METHOD, ExchangeFields.PATH, ExchangeFields.OUTCOME,
            ExchangeFields.ALLOCATED_BYTES, ExchangeFields.RESPONSE_BODY_BYTES, ExchangeFields.RESPONSE_WRITES,
            ExchangeFields.EXCHANGE_ID, ExchangeFields.CONNECTION_ID, ExchangeFields.FAILURE, ExchangeFields.STATUS,
            ExchangeFields.ALLOCATION_MEASURED, ExchangeFields.STACK, ExchangeFields.STREAM_ID, ExchangeFields.ROLE),
            // Recordings of older agents lack these.
            Set.of(ExchangeFields.FAILURE, ExchangeFields.STATUS, ExchangeFields.ALLOCATION_MEASURED, ExchangeFields.STACK,
                    ExchangeFields.ROLE));
    public static final int EXCHANGE_PROTOCOL = place(EXCHANGE, ExchangeFields.PROTOCOL);
    public static final int EXCHANGE_METHOD = place(EXCHANGE, ExchangeFields.METHOD);
    public static final int EXCHANGE_PATH = place(EXCHANGE, ExchangeFields.PATH);
    public static final int EXCHANGE_OUTCOME = place(EXCHANGE, ExchangeFields.OUTCOME);
    public static final int EXCHANGE_ALLOCATED = place(EXCHANGE, ExchangeFields.ALLOCATED_BYTES);
    public static final int EXCHANGE_RESPONSE_BYTES = place(EXCHANGE, ExchangeFields.RESPONSE_BODY_BYTES);
    public static final int EXCHANGE_WRITES = place(EXCHANGE, ExchangeFields.RESPONSE_WRITES);
    public static final int EXCHANGE_ID = place(EXCHANGE, ExchangeFields.EXCHANGE_ID);
    public static final int EXCHANGE_CONNECTION = place(EXCHANGE, ExchangeFields.CONNECTION_ID);
    public static final int EXCHANGE_FAILURE = place(EXCHANGE, ExchangeFields.FAILURE);
    public static final int EXCHANGE_STATUS = place(EXCHANGE, ExchangeFields.STATUS);
    public static final int EXCHANGE_MEASURED = place(EXCHANGE, ExchangeFields.ALLOCATION_MEASURED);
    public static final int EXCHANGE_STACK = place(EXCHANGE, ExchangeFields.STACK);
    public static final int EXCHANGE_STREAM = place(EXCHANGE, ExchangeFields.STREAM_ID);
    public static final int EXCHANGE_ROLE = place(EXCHANGE, ExchangeFields.ROLE);

    public static final ChunkEvents.Wanted SLICE = new ChunkEvents.Wanted(EventNames.SLICE,
            List.of(SliceFields.PROTOCOL, SliceFields.KIND, SliceFields.EXCHANGE_ID, SliceFields.CONNECTION_ID,
                    SliceFields.ROLE),
            // Slices of older agents named no connection, nor role.
            Set.of(SliceFields.CONNECTION_ID, SliceFields.ROLE));
    public static final int SLICE_PROTOCOL = place(SLICE, SliceFields.PROTOCOL);
    public static final int SLICE_KIND = place(SLICE, SliceFields.KIND);
    public static final int SLICE_EXCHANGE = place(SLICE, SliceFields.EXCHANGE_ID);
    public static final int SLICE_CONNECTION = place(SLICE, SliceFields.CONNECTION_ID);
    public static final int SLICE_ROLE = place(SLICE, SliceFields.ROLE);

    /** The JDK's allocation samples: where the JDK's parser made objects of every frame of every sample's stack. */
    public static final ChunkEvents.Wanted ALLOCATION_SAMPLE = new ChunkEvents.Wanted("jdk.ObjectAllocationSample",
            List.of("objectClass", "stackTrace", "weight"));
    public static final int ALLOCATION_CLASS = place(ALLOCATION_SAMPLE, "objectClass");
    public static final int ALLOCATION_STACK = place(ALLOCATION_SAMPLE, "stackTrace");
    public static final int ALLOCATION_WEIGHT = place(ALLOCATION_SAMPLE, "weight");

    /*
     * The agent's few events whose handling follows time ({@link RecordingStream.Handlers#positionalInTimeOrder}).
     * Each type's listing number comes first, where the listings' handling finds it (checked at class load).
     */
    public static final int LISTING = 0;

    public static final ChunkEvents.Wanted AGENT_STATISTICS = new ChunkEvents.Wanted(EventNames.AGENT_STATISTICS, List.of(
            AgentStatisticsFields.LISTING, AgentStatisticsFields.AGENT_VERSION, AgentStatisticsFields.STACKS,
            AgentStatisticsFields.EXCHANGES_STARTED, AgentStatisticsFields.EXCHANGES_ENDED,
            AgentStatisticsFields.EXCHANGES_OPEN, AgentStatisticsFields.SUPPRESSED_ERRORS, AgentStatisticsFields.UNTRACKED,
            AgentStatisticsFields.SLICES_TOO_DEEP, AgentStatisticsFields.OPENED_TWICE,
            AgentStatisticsFields.SERVERS_NOT_INSTRUMENTED, AgentStatisticsFields.EVERY_SLICE),
            // Recordings of older agents lack these.
            Set.of(AgentStatisticsFields.SLICES_TOO_DEEP, AgentStatisticsFields.OPENED_TWICE,
                    AgentStatisticsFields.SERVERS_NOT_INSTRUMENTED, AgentStatisticsFields.EVERY_SLICE));
    public static final int STATISTICS_VERSION = place(AGENT_STATISTICS, AgentStatisticsFields.AGENT_VERSION);
    public static final int STATISTICS_STACKS = place(AGENT_STATISTICS, AgentStatisticsFields.STACKS);
    public static final int STATISTICS_STARTED = place(AGENT_STATISTICS, AgentStatisticsFields.EXCHANGES_STARTED);
    public static final int STATISTICS_ENDED = place(AGENT_STATISTICS, AgentStatisticsFields.EXCHANGES_ENDED);
    public static final int STATISTICS_OPEN = place(AGENT_STATISTICS, AgentStatisticsFields.EXCHANGES_OPEN);
    public static final int STATISTICS_SUPPRESSED = place(AGENT_STATISTICS, AgentStatisticsFields.SUPPRESSED_ERRORS);
    public static final int STATISTICS_UNTRACKED = place(AGENT_STATISTICS, AgentStatisticsFields.UNTRACKED);
    public static final int STATISTICS_SLICES_TOO_DEEP = place(AGENT_STATISTICS, AgentStatisticsFields.SLICES_TOO_DEEP);
    public static final int STATISTICS_OPENED_TWICE = place(AGENT_STATISTICS, AgentStatisticsFields.OPENED_TWICE);
    public static final int STATISTICS_NOT_INSTRUMENTED = place(AGENT_STATISTICS, AgentStatisticsFields.SERVERS_NOT_INSTRUMENTED);
    public static final int STATISTICS_EVERY_SLICE = place(AGENT_STATISTICS, AgentStatisticsFields.EVERY_SLICE);

    /** What a heap checkpoint tells of memory and counts, besides the listing it announces. */
    private static final List<String> CHECKPOINT_VALUES = List.of(HeapCheckpointFields.GC_END, HeapCheckpointFields.FORCED,
            HeapCheckpointFields.HEAP_USED, HeapCheckpointFields.DIRECT_MEMORY_USED, HeapCheckpointFields.RSS,
            HeapCheckpointFields.HTTP1_EXCHANGES, HeapCheckpointFields.HTTP2_EXCHANGES,
            HeapCheckpointFields.CLIENT_HTTP1_EXCHANGES, HeapCheckpointFields.CLIENT_HTTP2_EXCHANGES,
            HeapCheckpointFields.HTTP1_RESPONSE_BYTES, HeapCheckpointFields.HTTP2_RESPONSE_BYTES,
            HeapCheckpointFields.CLIENT_HTTP1_RESPONSE_BYTES, HeapCheckpointFields.CLIENT_HTTP2_RESPONSE_BYTES,
            HeapCheckpointFields.OPEN_CONNECTIONS, HeapCheckpointFields.IDLE_CONNECTIONS,
            HeapCheckpointFields.HTTP1_OPEN_CONNECTIONS, HeapCheckpointFields.HTTP2_OPEN_CONNECTIONS,
            HeapCheckpointFields.CLIENT_HTTP1_OPEN_CONNECTIONS, HeapCheckpointFields.CLIENT_HTTP2_OPEN_CONNECTIONS,
            HeapCheckpointFields.HTTP1_PEER_CLOSED_CONNECTIONS, HeapCheckpointFields.HTTP2_PEER_CLOSED_CONNECTIONS,
            HeapCheckpointFields.HTTP1_CLOSED_CONNECTIONS, HeapCheckpointFields.HTTP2_CLOSED_CONNECTIONS,
            HeapCheckpointFields.CLIENT_HTTP1_CLOSED_CONNECTIONS, HeapCheckpointFields.CLIENT_HTTP2_CLOSED_CONNECTIONS,
            HeapCheckpointFields.HTTP1_HELD_CONNECTIONS, HeapCheckpointFields.HTTP2_HELD_CONNECTIONS,
            HeapCheckpointFields.HTTP1_LEAKED_CONNECTIONS, HeapCheckpointFields.HTTP2_LEAKED_CONNECTIONS);
    /**
     * A heap checkpoint: the listing it announces, and the memory and counts the retention fit reads (which it
     * requires itself: {@code report} reads the listing alone, of recordings of any agent that numbers listings).
     */
    public static final ChunkEvents.Wanted HEAP_CHECKPOINT = new ChunkEvents.Wanted(EventNames.HEAP_CHECKPOINT,
            Stream.concat(Stream.of(HeapCheckpointFields.LISTING), CHECKPOINT_VALUES.stream()).toList(),
            Set.copyOf(CHECKPOINT_VALUES));

    /** The retention tracker's counts, written in a batch after each GC's checkpoint. */
    public static final ChunkEvents.Wanted RETENTION = new ChunkEvents.Wanted(EventNames.RETENTION, List.of(
            RetentionFields.PROTOCOL, RetentionFields.OBJECT_TYPE, RetentionFields.CONNECTION_OPEN,
            RetentionFields.RETAINED, RetentionFields.TRACKED_EXCHANGES, RetentionFields.SAMPLING));
    public static final int RETENTION_PROTOCOL = place(RETENTION, RetentionFields.PROTOCOL);
    public static final int RETENTION_OBJECT_TYPE = place(RETENTION, RetentionFields.OBJECT_TYPE);
    public static final int RETENTION_CONNECTION_OPEN = place(RETENTION, RetentionFields.CONNECTION_OPEN);
    public static final int RETENTION_RETAINED = place(RETENTION, RetentionFields.RETAINED);
    public static final int RETENTION_TRACKED = place(RETENTION, RetentionFields.TRACKED_EXCHANGES);
    public static final int RETENTION_SAMPLING = place(RETENTION, RetentionFields.SAMPLING);

    public static final ChunkEvents.Wanted OPEN_EXCHANGE = new ChunkEvents.Wanted(EventNames.OPEN_EXCHANGE, List.of(
            OpenExchangeFields.LISTING, OpenExchangeFields.EXCHANGE_ID, OpenExchangeFields.AGE, OpenExchangeFields.STACK,
            OpenExchangeFields.PROTOCOL, OpenExchangeFields.ROLE, OpenExchangeFields.CONNECTION_ID,
            OpenExchangeFields.STREAM_ID, OpenExchangeFields.METHOD, OpenExchangeFields.PATH),
            Set.of(OpenExchangeFields.ROLE));
    public static final int OPEN_EXCHANGE_ID = place(OPEN_EXCHANGE, OpenExchangeFields.EXCHANGE_ID);
    public static final int OPEN_EXCHANGE_AGE = place(OPEN_EXCHANGE, OpenExchangeFields.AGE);
    public static final int OPEN_EXCHANGE_STACK = place(OPEN_EXCHANGE, OpenExchangeFields.STACK);
    public static final int OPEN_EXCHANGE_PROTOCOL = place(OPEN_EXCHANGE, OpenExchangeFields.PROTOCOL);
    public static final int OPEN_EXCHANGE_ROLE = place(OPEN_EXCHANGE, OpenExchangeFields.ROLE);
    public static final int OPEN_EXCHANGE_CONNECTION = place(OPEN_EXCHANGE, OpenExchangeFields.CONNECTION_ID);
    public static final int OPEN_EXCHANGE_STREAM = place(OPEN_EXCHANGE, OpenExchangeFields.STREAM_ID);
    public static final int OPEN_EXCHANGE_METHOD = place(OPEN_EXCHANGE, OpenExchangeFields.METHOD);
    public static final int OPEN_EXCHANGE_PATH = place(OPEN_EXCHANGE, OpenExchangeFields.PATH);

    public static final ChunkEvents.Wanted IDLE_CONNECTION = new ChunkEvents.Wanted(EventNames.IDLE_CONNECTION, List.of(
            IdleConnectionFields.LISTING, IdleConnectionFields.CONNECTION_ID, IdleConnectionFields.STACK,
            IdleConnectionFields.PROTOCOL, IdleConnectionFields.ROLE, IdleConnectionFields.AGE, IdleConnectionFields.IDLE,
            IdleConnectionFields.EXCHANGES, IdleConnectionFields.PEER),
            Set.of(IdleConnectionFields.ROLE, IdleConnectionFields.PEER));
    public static final int IDLE_CONNECTION_ID = place(IDLE_CONNECTION, IdleConnectionFields.CONNECTION_ID);
    public static final int IDLE_CONNECTION_STACK = place(IDLE_CONNECTION, IdleConnectionFields.STACK);
    public static final int IDLE_CONNECTION_PROTOCOL = place(IDLE_CONNECTION, IdleConnectionFields.PROTOCOL);
    public static final int IDLE_CONNECTION_ROLE = place(IDLE_CONNECTION, IdleConnectionFields.ROLE);
    public static final int IDLE_CONNECTION_AGE = place(IDLE_CONNECTION, IdleConnectionFields.AGE);
    public static final int IDLE_CONNECTION_IDLE = place(IDLE_CONNECTION, IdleConnectionFields.IDLE);
    public static final int IDLE_CONNECTION_EXCHANGES = place(IDLE_CONNECTION, IdleConnectionFields.EXCHANGES);
    public static final int IDLE_CONNECTION_PEER = place(IDLE_CONNECTION, IdleConnectionFields.PEER);

    public static final ChunkEvents.Wanted LEAKED_CONNECTION = new ChunkEvents.Wanted(EventNames.LEAKED_CONNECTION, List.of(
            LeakedConnectionFields.LISTING, LeakedConnectionFields.CONNECTION_ID, LeakedConnectionFields.STACK,
            LeakedConnectionFields.PROTOCOL, LeakedConnectionFields.ROLE, LeakedConnectionFields.KIND,
            LeakedConnectionFields.AGE, LeakedConnectionFields.LEAKED_FOR, LeakedConnectionFields.EXCHANGES,
            LeakedConnectionFields.FAILED_EXCHANGES),
            Set.of(LeakedConnectionFields.ROLE));
    public static final int LEAKED_CONNECTION_ID = place(LEAKED_CONNECTION, LeakedConnectionFields.CONNECTION_ID);
    public static final int LEAKED_CONNECTION_STACK = place(LEAKED_CONNECTION, LeakedConnectionFields.STACK);
    public static final int LEAKED_CONNECTION_PROTOCOL = place(LEAKED_CONNECTION, LeakedConnectionFields.PROTOCOL);
    public static final int LEAKED_CONNECTION_ROLE = place(LEAKED_CONNECTION, LeakedConnectionFields.ROLE);
    public static final int LEAKED_CONNECTION_KIND = place(LEAKED_CONNECTION, LeakedConnectionFields.KIND);
    public static final int LEAKED_CONNECTION_AGE = place(LEAKED_CONNECTION, LeakedConnectionFields.AGE);
    public static final int LEAKED_CONNECTION_LEAKED_FOR = place(LEAKED_CONNECTION, LeakedConnectionFields.LEAKED_FOR);
    public static final int LEAKED_CONNECTION_EXCHANGES = place(LEAKED_CONNECTION, LeakedConnectionFields.EXCHANGES);
    public static final int LEAKED_CONNECTION_FAILED = place(LEAKED_CONNECTION, LeakedConnectionFields.FAILED_EXCHANGES);

    /** The agent's periodic allocation totals: the fields' places are those of their names in the list. */
    public static final ChunkEvents.Wanted ALLOCATION_TOTALS = new ChunkEvents.Wanted(EventNames.ALLOCATION_TOTALS, List.of(
            AllocationTotalsFields.JVM_ALLOCATED_BYTES, AllocationTotalsFields.PROFILER_BYTES,
            AllocationTotalsFields.IO_LOOP_BYTES, AllocationTotalsFields.UNASSIGNED_CONNECTION_BYTES,
            AllocationTotalsFields.HTTP1_EXCHANGES, AllocationTotalsFields.HTTP1_EXCHANGE_BYTES,
            AllocationTotalsFields.HTTP1_CONNECTION_BYTES,
            AllocationTotalsFields.HTTP2_EXCHANGES, AllocationTotalsFields.HTTP2_EXCHANGE_BYTES,
            AllocationTotalsFields.HTTP2_CONNECTION_BYTES));

    static {
        for (ChunkEvents.Wanted listed : List.of(AGENT_STATISTICS, HEAP_CHECKPOINT, OPEN_EXCHANGE, IDLE_CONNECTION,
                LEAKED_CONNECTION)) {
            if (place(listed, CommonFields.LISTING) != LISTING) {
                throw new ExceptionInInitializerError(listed.type() + "'s listing number is not at " + LISTING);
            }
        }
    }

    private PositionalEvents() {}

    /** Where {@code field} is in {@code wanted}'s fields: what an event read by position is asked for it by. */
    private static int place(ChunkEvents.Wanted wanted, String field) {
        int place = wanted.fields().indexOf(field);
        if (place < 0) {
            throw new ExceptionInInitializerError(wanted.type() + " reads no field " + field);
        }
        return place;
    }

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
