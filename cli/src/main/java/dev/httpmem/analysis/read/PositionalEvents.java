package dev.httpmem.analysis.read;

import dev.httpmem.schema.EventNames;
import dev.httpmem.schema.ExchangeFields;
import dev.httpmem.schema.SliceFields;
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

    private PositionalEvents() {}

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
