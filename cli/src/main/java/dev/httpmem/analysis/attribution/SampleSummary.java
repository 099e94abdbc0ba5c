package dev.httpmem.analysis.attribution;

/**
 * All {@code jdk.ObjectAllocationSample} events: {@code connectionWorkBytes} of them in connection slices, those
 * outside every slice are unattributed, some of them on
 * threads that ran exchange work at other times (request parsing, connection handling), the rest on threads that
 * never did (startup, the JDK's own threads); {@code overflowBytes} went to the "(other sites)" site because the
 * site table was full.
 */
public record SampleSummary(
        long samples,
        long bytes,
        long connectionWorkBytes,
        long unattributedSamples,
        long unattributedBytes,
        long unattributedOnExchangeThreadsBytes,
        long overflowBytes) {
}
