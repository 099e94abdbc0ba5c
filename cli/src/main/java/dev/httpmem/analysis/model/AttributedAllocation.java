package dev.httpmem.analysis.model;

import java.time.Duration;
import java.util.Map;

/**
 * How much of what the JVM allocated while it served steadily ({@code window}: the periods of the recording in
 * which exchanges finished, as they did in the period before) the agent attributed: to exchanges and their connections per protocol, to the stacks'
 * I/O loops (selectors, pollers, pool threads waiting for work), to connections before their first exchange.
 * The profiler's own threads (JFR's periodic events, the agent's heap checkpoints) are left out of the JVM's total.
 */
public record AttributedAllocation(
        Duration window,
        long jvmBytes,
        long profilerBytes,
        long ioLoopBytes,
        long unassignedConnectionBytes,
        Map<String, ProtocolWork> protocols) {

    /** One protocol's exchanges finished in the window, what they allocated and what their connections did besides. */
    public record ProtocolWork(long exchanges, long exchangeBytes, long connectionBytes) {
        /** Connection work per exchange, NaN without exchanges. */
        public double connectionBytesPerExchange() {
            return exchanges == 0 ? Double.NaN : (double) connectionBytes / exchanges;
        }
    }

    public AttributedAllocation {
        protocols = Map.copyOf(protocols);
    }

    /** What the server allocated: the JVM's total without the profiler's own threads. */
    public long serverBytes() {
        return jvmBytes - profilerBytes;
    }

    public long exchangeBytes() {
        return protocols.values().stream().mapToLong(ProtocolWork::exchangeBytes).sum();
    }

    /** Connection work of all protocols, before first exchanges included. */
    public long connectionBytes() {
        return protocols.values().stream().mapToLong(ProtocolWork::connectionBytes).sum() + unassignedConnectionBytes;
    }

    /** The share of the server's allocation attributed to exchanges, connections and I/O loops; NaN when it allocated nothing. */
    public double share() {
        long server = serverBytes();
        return server <= 0 ? Double.NaN : (double) (exchangeBytes() + connectionBytes() + ioLoopBytes) / server;
    }
}
