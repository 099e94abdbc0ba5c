package dev.httpmem.agent.runtime;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's listings of what outlives its time (open exchanges, idle and leaked connections), at every heap checkpoint
 * and chunk boundary. Each is numbered, and the checkpoint or statistics event that triggers it carries the
 * number, so a reader tells one listing from the next, and an empty listing from none.
 */
final class Listings {
    private static final AtomicLong NUMBERS = new AtomicLong();

    private Listings() {}

    /** The number of the listing about to be made. */
    static long next() {
        return NUMBERS.incrementAndGet();
    }

    /**
     * Ends what the stacks dropped unended, then lists the open exchanges, idle connections and leaked connections
     * as {@code number}.
     */
    static void list(long number) {
        Exchanges.checkpoint(number);
        Connections.checkpoint(number);
        HeldConnections.list(number);
    }
}
