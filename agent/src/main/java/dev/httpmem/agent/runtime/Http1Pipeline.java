package dev.httpmem.agent.runtime;

/**
 * One HTTP/1.1 connection's open exchanges in request order, for a stack whose per-request objects are gone
 * before its response is written (Netty: the decoded request is the only one, and the encoder never sees it).
 * HTTP/1.1 reads requests in order and answers them in order, pipelined or not, so inbound work belongs to the
 * newest exchange and a response write to the oldest.
 *
 * <p>The connection keeps its pipeline (Netty: as a channel attribute), never the agent; the pipeline keeps the
 * keys of its open exchanges only until they end. It allocates nothing after construction. Its methods are
 * synchronized, though a stack normally calls them from the connection's one I/O thread.
 */
public final class Http1Pipeline {
    /** Requests read and not yet answered; a client pipelining deeper has its excess requests untracked. */
    static final int MAX_IN_FLIGHT = 32;

    private final Object[] keys = new Object[MAX_IN_FLIGHT];
    private final String stack;
    private final long connectionId;
    private int head;
    private int size;
    private long requests;
    /** The oldest exchange's final (non-1xx) response head was written. */
    private boolean responding;

    public Http1Pipeline(String stack, long connectionId) {
        this.stack = stack;
        this.connectionId = connectionId;
    }

    /**
     * Opens the exchange of the connection's next request, numbered from 1 in the order requests arrive.
     *
     * @param key the stack's object for this request, unique while the exchange is open
     * @return null when the request is not tracked (too deep a pipeline, or the agent's table is full)
     */
    public synchronized Exchange open(Object key, String method, String path) {
        Exchange open = Exchanges.find(key);
        if (open != null) {
            return open;
        }
        long number = ++requests;
        if (size == MAX_IN_FLIGHT) {
            AgentCounters.UNTRACKED.increment();
            return null;
        }
        Exchange exchange = Exchanges.open(key, stack, Exchange.HTTP_1_1, connectionId, number, method, path);
        if (exchange != null) {
            keys[(head + size) & (MAX_IN_FLIGHT - 1)] = key;
            size++;
        }
        return exchange;
    }

    /** The newest open exchange: the request being read. */
    public synchronized Exchange reading() {
        return size == 0 ? null : Exchanges.find(keys[(head + size - 1) & (MAX_IN_FLIGHT - 1)]);
    }

    /** The oldest open exchange: the one a response write is for. */
    public synchronized Exchange writing() {
        return size == 0 ? null : Exchanges.find(keys[head]);
    }

    /**
     * A final response head is being written: it answers the oldest request, unless that one's response had
     * already started (a response that ended without a last write), which is then complete.
     *
     * @return the exchange the response is for, or null
     */
    public synchronized Exchange responseStarts() {
        if (responding) {
            endOldest(Exchange.COMPLETED);
        }
        responding = size > 0;
        return size == 0 ? null : Exchanges.find(keys[head]);
    }

    /** The last write of {@code exchange}'s response was made: it ends, if it is still the oldest. */
    public synchronized void responseEnds(Exchange exchange) {
        if (size > 0 && Exchanges.find(keys[head]) == exchange) {
            endOldest(Exchange.COMPLETED);
        }
    }

    /** The oldest request switched protocols (101): it ends and is not reported as an HTTP/1.1 exchange. */
    public synchronized void upgraded() {
        endOldest(Exchange.UPGRADED);
    }

    /** The connection closed, or stopped speaking HTTP/1.1: every open exchange ends. */
    public synchronized void close() {
        while (size > 0) {
            endOldest(Exchange.CLOSED);
        }
    }

    private void endOldest(String outcome) {
        responding = false;
        if (size == 0) {
            return;
        }
        Object key = keys[head];
        keys[head] = null;
        head = (head + 1) & (MAX_IN_FLIGHT - 1);
        size--;
        Exchanges.end(key, outcome);
    }
}
