package dev.httpmem.agent.runtime;

import dev.httpmem.schema.Outcomes;

/** How an exchange ended; {@link #label} is how the recording names it ({@code httpmem.Exchange}'s outcome). */
public enum Outcome {
    COMPLETED(Outcomes.COMPLETED),
    RESET(Outcomes.RESET),
    CLOSED(Outcomes.CLOSED),
    /** An HTTP/1.1 request that became HTTP/2 stream 1 (h2c Upgrade): that stream is the exchange. */
    UPGRADED(Outcomes.UPGRADED),
    /** A client's h2c Upgrade the server did not take, its HTTP/1.1 response read whole. */
    UPGRADE_REFUSED(Outcomes.UPGRADE_REFUSED),
    /** The stack let go of the exchange's object without ending it. */
    ABANDONED(Outcomes.ABANDONED),
    /** The stack caught an exception while it processed the exchange, whatever it did next (500, reset, close). */
    FAILED(Outcomes.FAILED);

    final String label;

    Outcome(String label) {
        this.label = label;
    }

    /**
     * Whether it was answered as asked: no failure of the exchange or its connection. As {@code Outcomes.answered}
     * says, but not through it: the jdkhttp stack loads this class from the bootstrap class path, where the schema's
     * classes are not (its constants are compiled in).
     */
    boolean answered() {
        return this == COMPLETED || this == UPGRADED || this == UPGRADE_REFUSED;
    }
}
