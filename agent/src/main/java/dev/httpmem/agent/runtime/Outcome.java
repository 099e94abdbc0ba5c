package dev.httpmem.agent.runtime;

/** How an exchange ended; {@link #label} is how the recording names it ({@code httpmem.Exchange}'s outcome). */
public enum Outcome {
    COMPLETED("completed"),
    RESET("reset"),
    CLOSED("closed"),
    /** An HTTP/1.1 request that became HTTP/2 stream 1 (h2c Upgrade): that stream is the exchange. */
    UPGRADED("upgraded"),
    /** The stack let go of the exchange's object without ending it. */
    ABANDONED("abandoned"),
    /** The stack caught an exception while it processed the exchange, whatever it did next (500, reset, close). */
    FAILED("failed");

    final String label;

    Outcome(String label) {
        this.label = label;
    }
}
