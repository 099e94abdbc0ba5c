package dev.httpmem.analysis;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a set of exchanges allocated and wrote, how they ended, and the exception classes that failed the failed
 * ones.
 */
public record ExchangeStats(
        long exchanges,
        Distribution allocatedBytes,
        long responseBodyBytes,
        long responseWrites,
        Map<String, Long> outcomes,
        Map<String, Long> failures) {

    public ExchangeStats {
        outcomes = Collections.unmodifiableMap(new TreeMap<>(outcomes));
        failures = Collections.unmodifiableMap(new TreeMap<>(failures));
    }

    public double responseBodyBytesMean() {
        return exchanges == 0 ? 0 : (double) responseBodyBytes / exchanges;
    }

    public double responseWritesMean() {
        return exchanges == 0 ? 0 : (double) responseWrites / exchanges;
    }

    /** NaN when nothing was written: the ratio is undefined, not zero. */
    public double allocatedBytesPerResponseKiB() {
        return responseBodyBytes == 0 ? Double.NaN : allocatedBytes.sum() / (responseBodyBytes / 1024.0);
    }
}
