package dev.httpmem.schema;

/** The values of {@link ExchangeFields#OUTCOME}: how an exchange ended. */
public final class Outcomes {
    public static final String COMPLETED = "completed";
    public static final String RESET = "reset";
    public static final String CLOSED = "closed";
    /** An HTTP/1.1 request that became HTTP/2 stream 1 (h2c Upgrade): that stream is the exchange, this is never recorded. */
    public static final String UPGRADED = "upgraded";
    /**
     * A client's request that offered an h2c Upgrade the server did not take: answered over HTTP/1.1, its response
     * read whole, as a completed one is.
     */
    public static final String UPGRADE_REFUSED = "upgrade-refused";
    public static final String ABANDONED = "abandoned";
    public static final String FAILED = "failed";

    private Outcomes() {}

    /** Whether an exchange that ended so was answered as asked: no failure of the exchange or its connection. */
    public static boolean answered(String outcome) {
        return COMPLETED.equals(outcome) || UPGRADED.equals(outcome) || UPGRADE_REFUSED.equals(outcome);
    }
}
