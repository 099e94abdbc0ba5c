package dev.httpmem.analysis.model;

/**
 * The connections one recording's heap checkpoints counted: open ones, and idle ones (open with no open
 * exchange), at the first and last checkpoint and at most. Idle connections that keep growing are a connection
 * leak, whatever each exchange retains.
 */
public record ConnectionCounts(String recording, long checkpoints, Count open, Count idle) {

    /** A count at the first and last checkpoint, and its maximum. */
    public record Count(long first, long last, long max) {
    }

    /** Accumulates the counts of a recording's checkpoints, in time order. */
    public static final class Tally {
        private long checkpoints;
        private long firstOpen;
        private long firstIdle;
        private long lastOpen;
        private long lastIdle;
        private long maxOpen;
        private long maxIdle;

        public void add(long open, long idle) {
            if (checkpoints++ == 0) {
                firstOpen = open;
                firstIdle = idle;
            }
            lastOpen = open;
            lastIdle = idle;
            maxOpen = Math.max(maxOpen, open);
            maxIdle = Math.max(maxIdle, idle);
        }

        public ConnectionCounts counts(String recording) {
            return new ConnectionCounts(recording, checkpoints, new Count(firstOpen, lastOpen, maxOpen),
                    new Count(firstIdle, lastIdle, maxIdle));
        }
    }
}
