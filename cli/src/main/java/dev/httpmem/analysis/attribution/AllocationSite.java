package dev.httpmem.analysis.attribution;

import java.util.List;

/**
 * Sampled allocations of one class from one call path, done for exchanges of one protocol or as work for their
 * connections. {@code share} is of the protocol's sampled bytes of that work; {@code bytesPerExchange} divides by
 * its exchanges.
 */
public record AllocationSite(
        String protocol,
        Work work,
        String objectClass,
        List<String> frames,
        long bytes,
        long samples,
        double share,
        double bytesPerExchange) {

    /** What the allocation was done for. */
    public enum Work {
        /** One exchange: its handling, frames and body writes. */
        EXCHANGE,
        /** A connection outside its exchanges: reads, parsing, frames shared by its streams. */
        CONNECTION
    }

    public AllocationSite {
        frames = List.copyOf(frames);
    }
}
