package dev.httpmem.agent.runtime;

/**
 * One HTTP/1.1 connection's open exchanges in request order, for a stack whose per-request objects are gone
 * before its response is written (Netty: the decoded request is the only one, and the encoder never sees it).
 * HTTP/1.1 sends requests in order and answers them in order, pipelined or not, so a request's work (a server's
 * reading, a client's writing) belongs to the newest exchange and a response's (a server's writing, a client's
 * reading) to the oldest.
 *
 * <p>The connection keeps its pipeline (Netty: as a channel attribute), never the agent; the pipeline keeps its
 * exchanges and their keys only until they end, and ends them only here. It allocates nothing after
 * construction, and takes no lock: the stack calls it from one thread at a time, the connection's (Netty: the
 * channel's event loop, where its decoder and encoder run).
 */
public final class Http1Pipeline {
    /** Requests read and not yet answered; a client pipelining deeper has its excess requests untracked. */
    static final int MAX_IN_FLIGHT = 32;

    private final Object[] keys = new Object[MAX_IN_FLIGHT];
    private final Exchange[] exchanges = new Exchange[MAX_IN_FLIGHT];
    private final String stack;
    private final Role role;
    private final Connection connection;
    private Object reader;
    private int head;
    private int size;
    private long requests;
    /** The oldest exchange's final (non-1xx) response head was written. */
    private boolean responding;
    /** The request in progress is not tracked: its work is nobody's. */
    private boolean requestUntracked;
    /** A client read the last of this exchange's response; it ends once the application handled it. */
    private Exchange responseRead;

    /**
     * @param connection the connection's record
     * @param reader     the stack's object that reads the connection's inbound messages (Netty: its decoder's
     *                   context), or null until {@link #readBy(Object)} names it
     */
    public Http1Pipeline(String stack, Role role, Connection connection, Object reader) {
        this.stack = stack;
        this.role = role;
        this.connection = connection;
        this.reader = reader;
    }

    public Role role() {
        return role;
    }

    /** Whether {@code candidate} is what reads this connection's inbound messages (a server's requests, a client's responses). */
    public boolean readBy(Object candidate) {
        return candidate == reader;
    }

    /** Names what reads the connection's inbound messages, where it was not known when the pipeline was made. */
    public void reader(Object reader) {
        if (this.reader == null) {
            this.reader = reader;
        }
    }

    /**
     * Opens the exchange of the connection's next request, numbered from 1 in the order requests are sent.
     *
     * @param key the stack's object for this request, unique while the exchange is open
     * @return null when the request is not tracked (too deep a pipeline, or the agent's table is full)
     */
    public Exchange open(Object key, String method, String path) {
        long number = ++requests;
        if (size == MAX_IN_FLIGHT) {
            AgentCounters.UNTRACKED.increment();
            requestUntracked = true;
            return null;
        }
        Exchange exchange = Exchanges.open(key, stack, role, Exchange.HTTP_1_1, connection, number, method, path);
        requestUntracked = exchange == null;
        if (exchange != null) {
            int tail = (head + size) & (MAX_IN_FLIGHT - 1);
            keys[tail] = key;
            exchanges[tail] = exchange;
            size++;
        }
        return exchange;
    }

    /**
     * The exchange of the request in progress (a server reads it, a client writes it): the newest, unless that
     * request is untracked.
     */
    public Exchange requestExchange() {
        return size == 0 || requestUntracked ? null : exchanges[(head + size - 1) & (MAX_IN_FLIGHT - 1)];
    }

    /** The oldest open exchange: the one whose response is in progress (a server writes it, a client reads it). */
    public Exchange responseExchange() {
        return size == 0 ? null : exchanges[head];
    }

    /**
     * A final response head is being written: it answers the oldest request, unless that one's response had
     * already started (a response that ended without a last write), which is then complete.
     *
     * @return the exchange the response is for, or null
     */
    public Exchange responseStarts() {
        if (responding) {
            endOldest(Outcome.COMPLETED);
        }
        responding = size > 0;
        return size == 0 ? null : exchanges[head];
    }

    /** The last write of {@code exchange}'s response was made: it ends, if it is still the oldest. */
    public void responseEnds(Exchange exchange) {
        if (size > 0 && exchanges[head] == exchange) {
            endOldest(Outcome.COMPLETED);
        }
    }

    /**
     * A client read the last of {@code exchange}'s response: it ends once the application has handled what was
     * read with it ({@link #responseHandled}), so that the handling is the exchange's.
     */
    public void responseRead(Exchange exchange) {
        responseRead = exchange;
    }

    /** The application handled what a client read: a response read to its end ends. */
    public void responseHandled() {
        Exchange read = responseRead;
        if (read != null) {
            responseRead = null;
            responseEnds(read);
        }
    }

    /** The oldest request switched protocols (101): it ends and is not reported as an HTTP/1.1 exchange. */
    public void upgraded() {
        endOldest(Outcome.UPGRADED);
    }

    /** The connection closed, or stopped speaking HTTP/1.1: every open exchange ends. */
    public void close() {
        while (size > 0) {
            endOldest(Outcome.CLOSED);
        }
    }

    private void endOldest(Outcome outcome) {
        responding = false;
        responseRead = null;
        if (size == 0) {
            return;
        }
        Object key = keys[head];
        keys[head] = null;
        exchanges[head] = null;
        head = (head + 1) & (MAX_IN_FLIGHT - 1);
        size--;
        Exchanges.end(key, outcome);
    }
}
