package dev.httpmem.agent.runtime;

import dev.httpmem.agent.events.ExchangeEvent;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One HTTP/1.1 request or one HTTP/2 stream. Instances are pooled: an exchange finishes (its event is committed
 * and it returns to the pool) once it has ended and no thread is inside one of its slices, so work still running
 * for it when the stream closes is counted, and nothing of the request outlives it.
 */
public final class Exchange {
    public static final String HTTP_1_1 = "HTTP/1.1";
    public static final String HTTP_2 = "HTTP/2";
    /** How deep a cause chain is followed to the exception that failed an exchange. */
    private static final int MAX_CAUSES = 8;

    private static final int MAX_PATH = 256;
    private static final int ENDING = 1 << 30;
    private final ExchangeEvent event = new ExchangeEvent();
    /**
     * Active slices in the low bits, ENDING once the stack has ended the exchange. Atomics rather than VarHandles:
     * advice inlined into large stack methods leaves them uninlined, and a VarHandle call is then several times a call.
     */
    private final AtomicInteger state = new AtomicInteger();
    private final AtomicLong allocatedBytes = new AtomicLong();
    /** Set when a slice of it ran on a virtual thread, whose allocation has no counter; any slice's thread sets it. */
    private volatile boolean allocationUnmeasured;

    long id;
    long startNanos;
    /**
     * The stack's object that keys this exchange while it is open, cleared when it ends; held weakly, as the
     * table holds it, once the exchange has been open for long.
     */
    private Object key;
    /** An object of the stack's that stands for this exchange on other threads ({@link Handoffs}), or null. */
    volatile Object alias;
    String stack;
    Role role;
    String protocol;
    /** Its connection's record, told when the exchange ends; kept while pooled, as it holds nothing of the stack's. */
    Connection connection;
    long streamId;
    String method;
    String path;
    int status;
    Outcome outcome;
    /**
     * The class of the exception that failed the exchange, or null. A plain field, as its reset is for every
     * exchange: the thread that sets it does so inside the exchange's slice (Netty's exceptionCaught, Tomcat's
     * container, Jetty's handler invoker), and leaving the slice publishes it to the thread that finishes the
     * exchange through {@link #state}'s atomics; a failure told from outside every slice may go unlabelled.
     */
    private String failure;
    /**
     * Body bytes read and written for the exchange: a server reads the request and writes the response, a client
     * the other way round ({@link Role}), which the event's fields are told apart by when it is committed.
     * Counted by whichever thread reads or writes for the exchange, at times two at once (Jetty generates a
     * stream's DATA on the thread that has the flow-control window, while its handler may write on another): atomic.
     */
    private final AtomicLong bodyBytesRead = new AtomicLong();
    private final AtomicLong bodyBytesWritten = new AtomicLong();
    private final AtomicInteger responseWrites = new AtomicInteger();
    /**
     * The response's end crossed the wire: a server made its last write (END_STREAM, or HTTP/1.1's last body
     * write), a client read its END_STREAM. Only ever set to true.
     */
    private volatile boolean responseComplete;
    /**
     * Its request offered an h2c Upgrade (HTTP/1.1 only). Set inside one of its slices, which publishes it to the
     * thread that finishes it.
     */
    private boolean upgradeOffered;
    /** Sampled for the retention tracker: its objects are watched once it ends. */
    boolean tracked;
    private RetentionTracker.Watched[] watched;
    private int watchedCount;

    void start(long id, String stack, Role role, String protocol, Connection connection, long streamId, String method,
               String path) {
        this.id = id;
        this.startNanos = System.nanoTime();
        this.stack = stack;
        this.role = role;
        this.protocol = protocol;
        this.connection = connection;
        this.streamId = streamId;
        this.method = method;
        this.path = trimPath(path);
        this.status = 0;
        this.outcome = Outcome.COMPLETED;
        this.failure = null;
        this.bodyBytesRead.set(0);
        this.bodyBytesWritten.set(0);
        this.responseWrites.set(0);
        this.responseComplete = false;
        this.upgradeOffered = false;
        // The tracker counts what servers' exchanges leave, per protocol: a client's are not watched yet.
        this.tracked = role == Role.SERVER && RetentionTracker.sampled(id);
        this.watchedCount = 0;
        this.allocatedBytes.set(0);
        this.allocationUnmeasured = false;
        this.state.set(0);
        event.begin();
    }

    /** 0 for HTTP/1.1, 1 for HTTP/2: how the agent's per-protocol counts are indexed. */
    static int protocolIndex(String protocol) {
        return HTTP_2.equals(protocol) ? 1 : 0;
    }

    public long id() {
        return id;
    }

    public String protocol() {
        return protocol;
    }

    public Role role() {
        return role;
    }

    public long streamId() {
        return streamId;
    }

    /** Its request's method, or null while it is not known. */
    public String method() {
        return method;
    }

    /** Its request's path (trimmed), or null while it is not known. */
    public String path() {
        return path;
    }

    public long connectionId() {
        return connection.id;
    }

    /** The key while the exchange is open, or null. */
    Object key() {
        return key instanceof WeakReference<?> weak ? weak.get() : key;
    }

    void key(Object key) {
        this.key = key;
    }

    /** Called as the table weakens this exchange's key, so that neither holds it strongly. */
    void weakenKey() {
        if (key != null && !(key instanceof WeakReference<?>)) {
            key = new WeakReference<>(key);
        }
    }

    long allocatedBytes() {
        return allocatedBytes.get();
    }

    public void status(int status) {
        this.status = status;
    }

    /**
     * The stack caught {@code thrown} while processing this exchange (its headers, body or handler): it will end
     * {@code failed}, naming the innermost cause's class. An I/O exception is the peer going away, which ends the
     * exchange as reset or closed, not as failed. The first failure is kept.
     */
    public void failed(Throwable thrown) {
        if (failure != null || thrown == null) {
            return;
        }
        Throwable cause = thrown;
        for (int i = 0; i < MAX_CAUSES && cause.getCause() != null && cause.getCause() != cause; i++) {
            cause = cause.getCause();
        }
        if (!(thrown instanceof IOException) && !(cause instanceof IOException)) {
            failure = cause.getClass().getName();
        }
    }

    /**
     * The stack rejected this exchange for breaking the protocol (a stream error on its headers): it ends
     * {@code failed} with {@code failure}, what the stack said of it (an exception's class, though stacks type
     * protocol errors as I/O exceptions, or the error code it answered with).
     */
    public void rejected(String failure) {
        if (this.failure == null) {
            this.failure = failure;
        }
    }

    /**
     * The request of an exchange opened before its headers were decoded (at its HEADERS frame): its method and
     * path, once the stack has them.
     */
    public void describeRequest(String method, String path) {
        if (this.method == null) {
            this.method = method;
            this.path = trimPath(path);
        }
    }

    /** {@code bytes} more body read for it: a server's request's, a client's response's. */
    public void requestBody(long bytes) {
        bodyBytesRead.getAndAdd(bytes);
    }

    /** A body write for it, {@code last} or not: a server's response's, a client's request's. */
    void responseWrite(long bodyBytes, boolean last) {
        bodyBytesWritten.getAndAdd(bodyBytes);
        responseWrites.incrementAndGet();
        if (last && role == Role.SERVER) {
            responseComplete = true;
        }
    }

    /** A client read the end of its response. */
    void responseRead() {
        responseComplete = true;
    }

    /** Its request body's bytes so far: a server read them, a client wrote them. */
    long requestBodyBytes() {
        return (role == Role.SERVER ? bodyBytesRead : bodyBytesWritten).get();
    }

    /** Its response body's bytes so far: a server wrote them, a client read them. */
    long responseBodyBytes() {
        return (role == Role.SERVER ? bodyBytesWritten : bodyBytesRead).get();
    }

    int responseWrites() {
        return responseWrites.get();
    }

    boolean responseComplete() {
        return responseComplete;
    }

    /** Watches {@code object} for the retention tracker if this exchange is sampled. */
    synchronized void watch(Object object) {
        if (!tracked || object == null || watchedCount == RetentionTracker.MAX_WATCHED) {
            return;
        }
        if (watched == null) {
            watched = new RetentionTracker.Watched[RetentionTracker.MAX_WATCHED];
        }
        for (int i = 0; i < watchedCount; i++) {
            if (watched[i].get() == object) {
                return;
            }
        }
        watched[watchedCount++] = RetentionTracker.watch(this, object);
    }

    /** Returns false once the exchange has ended: late work is not counted against a finished exchange. */
    boolean tryEnterSlice() {
        for (int s = state.get(); ; s = state.get()) {
            if ((s & ENDING) != 0) {
                return false;
            }
            if (state.compareAndSet(s, s + 1)) {
                return true;
            }
        }
    }

    /** Whether the stack has ended the exchange (it may still be finishing its running slices). */
    boolean ended() {
        return (state.get() & ENDING) != 0;
    }

    /** A slice of it exits, having allocated {@code allocated} bytes, or on a virtual thread, an unknown amount. */
    void exitSlice(long allocated, boolean measured) {
        allocatedBytes.getAndAdd(allocated);
        if (!measured) {
            allocationUnmeasured = true;
        }
        release();
    }

    /**
     * Holds this exchange open for {@code key}: it cannot finish, and so cannot be pooled and reused for another
     * key, until {@link #release}. A thread that found it by {@code key} may have paused while it ended and
     * became another request's (the pool delays reuse, no pool can promise it): then the key differs.
     *
     * @return false when it has ended or is no longer {@code key}'s
     */
    boolean tryHold(Object key) {
        if (!tryEnterSlice()) {
            return false;
        }
        if (key() != key) {
            release();
            return false;
        }
        return true;
    }

    void release() {
        if (state.decrementAndGet() == ENDING) {
            finish();
        }
    }

    /**
     * Ends the exchange; it finishes once no slice runs in it.
     *
     * @param outcome how the stack ended it; closed, when the response's last write was made, is completed:
     *                the stream or connection merely closed after it (a failed or reset write says so). Decided
     *                when the exchange finishes, as a last write may still be running when the connection closes
     * @return false when the exchange had already ended
     */
    boolean end(Outcome outcome) {
        int before = state.getAndUpdate(s -> s | ENDING);
        if ((before & ENDING) != 0) {
            return false;
        }
        this.outcome = outcome;
        key = null;
        connection.exchangeEnded();
        event.end();
        if (before == 0) {
            finish();
        }
        return true;
    }

    /**
     * What the exchange is reported as, ended as the stack said ({@link #outcome}): failed where it failed, completed
     * where it closed with its response whole. A client that read its response whole may reset the stream as it
     * lets it go (Reactor Netty does so with an h2c Upgrade's stream 1): its exchange is complete all the same. A
     * client's request that offered an h2c Upgrade and completed over HTTP/1.1 (rather than ending upgraded) is one
     * whose Upgrade the server refused, and is told apart as such.
     */
    Outcome reportedOutcome() {
        if (failure != null && outcome != Outcome.UPGRADED) {
            return Outcome.FAILED;
        }
        boolean letGo = outcome == Outcome.CLOSED || outcome == Outcome.RESET && role == Role.CLIENT;
        Outcome answered = responseComplete && letGo ? Outcome.COMPLETED : outcome;
        return answered == Outcome.COMPLETED && upgradeOffered ? Outcome.UPGRADE_REFUSED : answered;
    }

    /**
     * A client's request offered an h2c Upgrade: unless it then ends {@link Outcome#UPGRADED}, the server answered
     * it over HTTP/1.1, and refused the Upgrade. Told when the offer is made or when the refusal is read, as the
     * stack shows either.
     */
    public void upgradeOffered() {
        upgradeOffered = true;
    }

    /** Its HTTP/2 stream's id, which the stack assigns after creating the stream (as its HEADERS are sent). */
    void streamId(long streamId) {
        this.streamId = streamId;
    }

    private void finish() {
        String failure = this.failure;
        Outcome ended = reportedOutcome();
        if (!ended.answered()) {
            connection.exchangeFailed();
        }
        if (outcome != Outcome.UPGRADED && event.isEnabled()) {
            event.exchangeId = id;
            event.role = role.label;
            event.protocol = protocol;
            event.stack = stack;
            event.connectionId = connection.id;
            event.streamId = streamId;
            event.method = method;
            event.path = path;
            event.status = status;
            event.outcome = ended.label;
            event.failure = failure;
            event.requestBodyBytes = requestBodyBytes();
            event.responseBodyBytes = responseBodyBytes();
            event.responseWrites = responseWrites.get();
            event.allocatedBytes = allocatedBytes.get();
            event.allocationMeasured = !allocationUnmeasured;
            event.commit();
            event.method = null;
            event.path = null;
            event.failure = null;
        }
        method = null;
        path = null;
        if (outcome == Outcome.UPGRADED) {
            AllocationTotals.upgradeWork(allocatedBytes.get());
        } else {
            if (role == Role.SERVER) {
                // The totals the report checks its per-protocol rows against are a server's exchanges'.
                AllocationTotals.exchangeFinished(protocolIndex(protocol), allocatedBytes.get());
            }
            CompletedExchanges.add(role, protocol, responseBodyBytes());
            if (tracked) {
                synchronized (this) {
                    RetentionTracker.ended(this, watched, watchedCount);
                    watchedCount = 0;
                }
            }
        }
        Handoffs.finished(this);
        Exchanges.finished(this);
    }

    private static String trimPath(String path) {
        if (path == null) {
            return null;
        }
        int query = path.indexOf('?');
        int end = Math.min(query < 0 ? path.length() : query, MAX_PATH);
        return end == path.length() ? path : path.substring(0, end);
    }
}
