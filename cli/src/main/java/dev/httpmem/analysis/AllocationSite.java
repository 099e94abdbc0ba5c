package dev.httpmem.analysis;

import java.util.List;

/**
 * Sampled allocations of one class from one call path, done for exchanges of one protocol.
 * {@code share} is of the protocol's sampled bytes; {@code bytesPerExchange} divides by its exchanges.
 */
public record AllocationSite(
        String protocol,
        String objectClass,
        List<String> frames,
        long bytes,
        long samples,
        double share,
        double bytesPerExchange) {

    public AllocationSite {
        frames = List.copyOf(frames);
    }
}
