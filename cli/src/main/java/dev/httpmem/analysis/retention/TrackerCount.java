package dev.httpmem.analysis.retention;

/**
 * The agent's retention tracker after the recording's last GC: of {@code trackedExchanges} ended exchanges of
 * {@code protocol} it watched (one in {@code sampling}), {@code retained} objects of {@code objectType} were still
 * reachable two or more GCs after their exchange ended, on connections still open or closed.
 */
public record TrackerCount(
        String recording,
        String protocol,
        String objectType,
        boolean connectionOpen,
        long retained,
        long trackedExchanges,
        int sampling) {

    /** Retained objects per tracked exchange: near 0 when nothing leaks, near 1 when each exchange leaks one. */
    public double share() {
        return trackedExchanges == 0 ? Double.NaN : (double) retained / trackedExchanges;
    }
}
