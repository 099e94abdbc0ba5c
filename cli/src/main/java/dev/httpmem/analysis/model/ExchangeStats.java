package dev.httpmem.analysis.model;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a set of exchanges allocated and wrote, how they ended, how they were answered (by status code, 0 for no
 * response) and the exception classes that failed the failed ones; and how many of them did work on virtual
 * threads, whose allocation HotSpot does not count, so that their allocated bytes count only their other work.
 */
public record ExchangeStats(
        long exchanges,
        Distribution allocatedBytes,
        long responseBodyBytes,
        long responseWrites,
        Map<String, Long> outcomes,
        Map<Integer, Long> statuses,
        Map<String, Long> failures,
        long allocationUnmeasured) {

    public ExchangeStats {
        outcomes = Collections.unmodifiableMap(new TreeMap<>(outcomes));
        statuses = Collections.unmodifiableMap(new TreeMap<>(statuses));
        failures = Collections.unmodifiableMap(new TreeMap<>(failures));
    }

    /** Exchanges by the class of their status, classes with none left out. */
    public Map<StatusClass, Long> statusClasses() {
        Map<StatusClass, Long> classes = new EnumMap<>(StatusClass.class);
        statuses.forEach((status, count) -> classes.merge(StatusClass.of(status), count, Long::sum));
        return Collections.unmodifiableMap(classes);
    }

    /**
     * The error status most of these exchanges were answered with, when most were answered with an error (4xx or
     * 5xx): their allocation and retention then describe error responses, not what was meant to be measured.
     */
    public Optional<ErrorAnswers> mostlyAnsweredWithError() {
        long errors = statuses.entrySet().stream().filter(e -> StatusClass.of(e.getKey()).error())
                .mapToLong(Map.Entry::getValue).sum();
        if (2 * errors <= exchanges) {
            return Optional.empty();
        }
        return statuses.entrySet().stream().filter(e -> StatusClass.of(e.getKey()).error())
                .max(Map.Entry.comparingByValue())
                .map(commonest -> new ErrorAnswers(commonest.getKey(), commonest.getValue(), exchanges));
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
