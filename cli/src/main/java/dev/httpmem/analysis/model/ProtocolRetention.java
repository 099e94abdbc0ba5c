package dev.httpmem.analysis.model;

import dev.httpmem.analysis.attribution.DirectBufferOrigin;
import dev.httpmem.analysis.retention.Estimate;

/**
 * What one protocol's exchanges in one recording left behind. The slopes are of memory after GC against the
 * protocol's cumulative exchanges (or response KiB): heap, NIO direct memory and process RSS. {@code label} is
 * the protocol, with the recording's file name when two recordings hold the same protocol.
 * {@code medianRetainedBytesPerExchange} is the heap's Theil-Sen slope, which must agree before a least-squares
 * slope reads as retention (see {@link Verdict#status}). {@code checkpoints} are the GCs the slopes rest on; {@code requestsNeeded} more would make enough of them.
 * {@code laterRetainedBytesPerExchange} and {@code laterDirectBytesPerExchange} are the heap's and direct memory's
 * slopes over the later half of the run alone; {@code directBufferOrigin} who allocated its direct buffers. The
 * heap's slopes
 * against the protocol's open and leaked connections, fitted beside the exchanges, are what each such connection
 * holds; {@code connections} counts them at the last checkpoint.
 */
public record ProtocolRetention(
        String recording,
        String protocol,
        String label,
        long exchanges,
        Distribution allocatedBytes,
        double responseBytesPerExchange,
        Estimate retainedBytesPerExchange,
        Estimate medianRetainedBytesPerExchange,
        Estimate retainedBytesPerResponseKiB,
        Estimate directBytesPerExchange,
        Estimate laterDirectBytesPerExchange,
        DirectBufferOrigin directBufferOrigin,
        Estimate rssBytesPerExchange,
        int checkpoints,
        long requestsNeeded,
        Verdict.Status status,
        Estimate laterRetainedBytesPerExchange,
        ProtocolConnections connections,
        Estimate retainedBytesPerOpenConnection,
        Estimate retainedBytesPerLeakedConnection) {

    /** Whether it leaks connections: some are held after their clients left. */
    public boolean leaksConnections() {
        return connections.leaked() > 0;
    }
}
