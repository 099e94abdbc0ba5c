package dev.httpmem.analysis;

import dev.httpmem.analysis.model.AttributedAllocation;
import dev.httpmem.analysis.read.ChunkEvents;
import dev.httpmem.analysis.read.PositionalEvents;
import dev.httpmem.analysis.retention.Checkpoint;
import dev.httpmem.schema.AllocationTotalsFields;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code httpmem.AllocationTotals} into what the agent attributed while the server served steadily: the
 * growth of the totals over the periods in which exchanges finished, as they did in the period before. Startup,
 * a burst's first period (classes loaded and compiled for its first requests) and idle periods are left out, as
 * they are no request's cost.
 */
final class AllocationTotalsWindow {
    private static final List<String> FIELDS = PositionalEvents.ALLOCATION_TOTALS.fields();
    private static final int HTTP1_EXCHANGES = FIELDS.indexOf(AllocationTotalsFields.HTTP1_EXCHANGES);
    private static final int HTTP2_EXCHANGES = FIELDS.indexOf(AllocationTotalsFields.HTTP2_EXCHANGES);

    /** The previous event's values, in {@link #FIELDS}' order, copied: a reading reuses its event objects. */
    private long[] previous;
    private long previousEndNanos;
    private boolean previousServed;
    private final long[] served = new long[FIELDS.size()];
    private Duration servedFor = Duration.ZERO;

    /** The events ({@link PositionalEvents#ALLOCATION_TOTALS}), by end time. */
    void add(ChunkEvents.Event event) {
        long end = event.endNanos();
        if (previous != null && end <= previousEndNanos) {
            return;
        }
        long[] values = new long[FIELDS.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = event.number(i);
        }
        boolean serving = previous != null && (values[HTTP1_EXCHANGES] > previous[HTTP1_EXCHANGES]
                || values[HTTP2_EXCHANGES] > previous[HTTP2_EXCHANGES]);
        if (serving && previousServed) {
            for (int i = 0; i < values.length; i++) {
                served[i] += values[i] - previous[i];
            }
            servedFor = servedFor.plusNanos(end - previousEndNanos);
        }
        previousServed = serving;
        previous = values;
        previousEndNanos = end;
    }

    /** Empty when no two periods in a row saw exchanges finish (a short recording, or one by an older agent). */
    Optional<AttributedAllocation> attributed() {
        if (servedFor.isZero()) {
            return Optional.empty();
        }
        Map<String, AttributedAllocation.ProtocolWork> protocols = new LinkedHashMap<>();
        protocols.put(Checkpoint.PROTOCOLS.get(0),
                new AttributedAllocation.ProtocolWork(served(AllocationTotalsFields.HTTP1_EXCHANGES),
                served(AllocationTotalsFields.HTTP1_EXCHANGE_BYTES),
                        served(AllocationTotalsFields.HTTP1_CONNECTION_BYTES)));
        protocols.put(Checkpoint.PROTOCOLS.get(1),
                new AttributedAllocation.ProtocolWork(served(AllocationTotalsFields.HTTP2_EXCHANGES),
                served(AllocationTotalsFields.HTTP2_EXCHANGE_BYTES),
                        served(AllocationTotalsFields.HTTP2_CONNECTION_BYTES)));
        return Optional.of(new AttributedAllocation(servedFor, served(AllocationTotalsFields.JVM_ALLOCATED_BYTES),
                served(AllocationTotalsFields.PROFILER_BYTES),
                served(AllocationTotalsFields.IO_LOOP_BYTES),
                        served(AllocationTotalsFields.UNASSIGNED_CONNECTION_BYTES), protocols));
    }

    private long served(String field) {
        return served[FIELDS.indexOf(field)];
    }
}
