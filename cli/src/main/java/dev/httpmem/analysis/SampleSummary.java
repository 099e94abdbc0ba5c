package dev.httpmem.analysis;

/**
 * All {@code jdk.ObjectAllocationSample} events: those outside every slice are unattributed;
 * {@code overflowBytes} went to the "(other sites)" site because the site table was full.
 */
public record SampleSummary(
        long samples,
        long bytes,
        long unattributedSamples,
        long unattributedBytes,
        long overflowBytes) {
}
