package dev.httpmem.agent.runtime;

import dev.httpmem.agent.events.BodyWriteEvent;
import dev.httpmem.agent.events.FrameWriteEvent;
import dev.httpmem.agent.events.SliceEvent;
import java.nio.ByteBuffer;

/**
 * Work done for an exchange on the current thread. Every byte the thread allocates between two slice
 * transitions goes to the innermost open slice, so nested slices of other exchanges (an event loop writing a
 * frame for stream 3 while handling stream 1) are counted once, where they belong. Re-entering the same slice
 * (an advised method calling its advised override) is counted once.
 *
 * <p>Advice calls {@code enter*} and passes the returned token to the matching {@code exit*}; a null token
 * means nothing was entered.
 */
public final class Slices {

    private static final int MAX_DEPTH = 8;
    private static final ThreadLocal<Slices> CURRENT = ThreadLocal.withInitial(Slices::new);
    /**
     * Whether every slice is measured and recorded on its own ({@code detail=all}). Otherwise a slice entered
     * inside a slice of the same exchange (a frame the handler writes, a body write) is part of that slice: its
     * bytes go to the same exchange either way, and it then costs neither allocation counter reads nor events; and
     * a write inside a connection's or I/O loop's work (a flush writing its streams' frames) is told to its exchange
     * but its bytes stay with that work: a stack such as Netty writes tens of frames per response from its flush, each
     * allocating a few bytes of pooled header, and measuring each cost two allocation counter reads, a fifth of the
     * agent's whole cost per HTTP/2 request.
     */
    private static volatile boolean everySlice;

    /**
     * The open slices, innermost at {@code depth - 1}: one object per level, made together so that entering and
     * exiting a slice touches a line or two of memory, not one array per field (in a busy server each line the
     * agent touches is likely a cache miss).
     */
    private final Level[] levels = new Level[MAX_DEPTH];
    private int depth;
    /** The thread's allocated bytes at the last transition. */
    private long mark;
    /** How deep this thread is in the agent's own work (transforming a class it loads), which no slice pays for. */
    private int agentWork;

    private Slices() {
        for (int i = 0; i < MAX_DEPTH; i++) {
            levels[i] = new Level();
        }
    }

    /** One open slice. */
    private static final class Level {
        Exchange exchange;
        /** The stack's connection object of a connection slice, held while it runs. */
        Object connection;
        SliceKind kind;
        long allocated;
        int reentries;
        /**
         * A slice measured and recorded with the slice below it: part of that slice of the same exchange, or a
         * write inside a connection's or I/O loop's work ({@link #everySlice}). Its bytes since the last counter read go to the slice
         * below at its next read.
         */
        boolean partOfOuter;
        /** Whether this level holds its exchange open: all do but a part of its own exchange's slice, held by that. */
        boolean holds;
        /**
         * Whether its slice and write events were begun: a recording that starts while a slice runs (an attach)
         * must not commit that slice's events, whose start was never taken.
         */
        boolean sliceBegun;
        boolean writeBegun;
        String frameType;
        long writeBytes;
        boolean lastWrite;
        final SliceEvent sliceEvent = new SliceEvent();
        final FrameWriteEvent frameEvent = new FrameWriteEvent();
        final BodyWriteEvent bodyEvent = new BodyWriteEvent();
    }

    /** {@code detail=all}: every slice, frame and body write measured and recorded on its own. */
    public static void everySlice(boolean every) {
        everySlice = every;
    }

    public static boolean everySlice() {
        return everySlice;
    }

    /** A slice of {@code exchange}, which the caller opened and has held since ({@link Exchanges#open}). */
    public static Slices enter(Exchange exchange, SliceKind kind) {
        return exchange == null ? null : CURRENT.get().push(exchange, null, null, kind);
    }

    /** A slice of the exchange open for {@code key}, if one is. */
    public static Slices enterExchangeOf(Object key, SliceKind kind) {
        return enterFound(key == null ? null : Exchanges.find(key), key, kind);
    }

    /**
     * A slice of {@code found}, the exchange that was open for {@code key} when it was looked up: apart from
     * {@link #enterExchangeOf} so that a test can pause between the two, as a thread may.
     */
    static Slices enterFound(Exchange found, Object key, SliceKind kind) {
        return found == null ? null : CURRENT.get().push(found, key, null, kind);
    }

    /** The reading of {@code bytes} of the request body of the exchange open for {@code key}: a handle slice. */
    public static Slices enterRequestBody(Object key, long bytes) {
        Slices slices = enterExchangeOf(key, SliceKind.HANDLE);
        if (slices != null) {
            slices.top().exchange.requestBody(bytes);
        }
        return slices;
    }

    /**
     * Work the stack does for {@code connection} (the object {@link Connections} keys it by) rather than for one of
     * its exchanges: reading and parsing what arrived, frames of the connection, writes a selector completes.
     * Exchange slices entered inside it take their own bytes.
     */
    public static Slices enterConnection(Object connection) {
        return connection == null ? null : CURRENT.get().push(null, null, connection, SliceKind.CONNECTION);
    }

    /**
     * A frame the stack writes for the exchange {@code key} keys (none when null or not open), from advice that
     * hands over what it read and leaves the rest here: advice is copied into the stack's method, which the JIT
     * stops inlining into its callers once it passes 325 bytes of byte code.
     *
     * @param payload the frame's payload buffer, watched for the retention tracker, or null
     * @param status  the response status a HEADERS frame carries, or 0
     */
    public static Slices enterFrame(Object key, ByteBuffer payload, int status, String frameType) {
        return enterWrite(key, SliceKind.FRAME, payload, status, frameType, 0, false);
    }

    /** A frame write; its payload and end of stream are told at exit, when the generator knows them. */
    public static Slices enterFrame(Exchange exchange, String frameType) {
        return described(enter(exchange, SliceKind.FRAME), frameType, 0, false);
    }

    public static Slices enterBody(Exchange exchange, long bytes, boolean last) {
        return described(enter(exchange, SliceKind.BODY), null, bytes, last);
    }

    /**
     * A body write of {@code bytes} for the exchange open for {@code key}, the last one or not.
     *
     * @param payload the buffer written, watched for the retention tracker, or null
     * @param status  the response's status, told with the write, or 0
     */
    public static Slices enterBody(Object key, ByteBuffer payload, int status, long bytes, boolean last) {
        return enterWrite(key, SliceKind.BODY, payload, status, null, bytes, last);
    }

    /** A frame or body write for the exchange open for {@code key}, which it tells what it has of the response. */
    @SuppressWarnings("ByteBufferBackingArray") // the array itself is what the retention tracker watches
    private static Slices enterWrite(Object key, SliceKind kind, ByteBuffer payload, int status, String frameType,
                                     long bytes, boolean last) {
        Slices slices = enterExchangeOf(key, kind);
        if (slices != null) {
            Exchange exchange = slices.top().exchange;
            if (payload != null) {
                Exchanges.watch(exchange, payload.hasArray() ? payload.array() : payload);
            }
            if (status != 0) {
                exchange.status(status);
            }
        }
        return described(slices, frameType, bytes, last);
    }

    private static Slices described(Slices slices, String frameType, long bytes, boolean last) {
        if (slices != null) {
            slices.describeWrite(frameType, bytes, last);
        }
        return slices;
    }

    public static void exit(Slices slices) {
        if (slices != null) {
            slices.pop();
        }
    }

    /**
     * Exits a body write, which failed when it threw: then the client is not known to have any of it, and it did
     * not end the response, whatever it was entered with.
     */
    public static void exitWrite(Slices slices, Throwable thrown) {
        if (slices != null && thrown != null) {
            Level top = slices.top();
            if (top != null && top.reentries == 0) {
                top.writeBytes = 0;
                top.lastWrite = false;
            }
        }
        exit(slices);
    }

    /**
     * Exits a frame write with what the generator actually wrote: {@code payloadBytes} of it, ending the stream
     * or not. A DATA entry stalled by flow control writes nothing and is no frame.
     */
    public static void exitFrame(Slices slices, long payloadBytes, boolean endStream) {
        if (slices != null) {
            Level top = slices.top();
            if (top != null && top.reentries == 0) {
                top.writeBytes = payloadBytes;
                top.lastWrite = endStream;
                if (payloadBytes == 0 && !endStream && "DATA".equals(top.frameType)) {
                    top.frameType = null;
                }
            }
            slices.pop();
        }
    }

    /**
     * Exits a frame write whose frame is known only once it returns: {@code frameType} is null when it wrote none
     * (a generator that flow control held back).
     */
    public static void exitFrame(Slices slices, String frameType, long payloadBytes, boolean endStream) {
        if (slices != null) {
            Level top = slices.top();
            if (top != null && top.reentries == 0) {
                top.frameType = frameType;
            }
            exitFrame(slices, payloadBytes, endStream);
        }
    }

    /** Exits a body write with the bytes it took, which the stack returns from it. */
    public static void exitBody(Slices slices, long bytes) {
        if (slices != null) {
            Level top = slices.top();
            if (top != null && top.reentries == 0) {
                top.writeBytes = bytes;
            }
            slices.pop();
        }
    }

    /**
     * Exits a frame write whose payload was told from inside it ({@link #addFramePayload}: a header block's
     * encoder), ending the stream or not.
     */
    public static void exitFrame(Slices slices, boolean endStream) {
        if (slices != null && slices.depth > 0) {
            exitFrame(slices, slices.top().writeBytes, endStream);
        }
    }

    /** Bytes an encoder wrote for the frame being written on this thread: added to its payload. */
    public static void addFramePayload(long bytes) {
        Level top = CURRENT.get().top();
        if (top != null && top.kind == SliceKind.FRAME) {
            top.writeBytes += bytes;
        }
    }

    /**
     * How many slices are open on this thread: advice on a method whose callee opens the exchange and enters its
     * slice ({@link #exitTo}) records it on entry.
     */
    public static int depth() {
        return CURRENT.get().depth;
    }

    /** Exits every slice entered on this thread since it had {@code depth} open, re-entries included. */
    public static void exitTo(int depth) {
        Slices slices = CURRENT.get();
        while (slices.depth > depth) {
            slices.top().reentries = 0;
            slices.pop();
        }
    }

    /** The exchange whose slice is running on this thread, or null. */
    public static Exchange current() {
        Level top = CURRENT.get().top();
        return top == null ? null : top.exchange;
    }

    /**
     * {@code bytes} more body read for the exchange whose slice this thread is in, if any: for a parser that knows
     * no exchange, called inside the slice of the one whose response it reads. Nothing is looked up for no bytes
     * (a frame other than DATA, an empty last chunk).
     */
    public static void bodyRead(long bytes) {
        if (bytes <= 0) {
            return;
        }
        Exchange reading = current();
        if (reading != null) {
            reading.requestBody(bytes);
        }
    }

    /**
     * The HTTP/2 stream the stack just created for the exchange whose slice this thread is in, if any: for a stack
     * whose stream knows no exchange, created inside the exchange's sending of its headers.
     */
    public static void currentStreamId(long streamId) {
        Exchange sending = current();
        if (sending != null && Exchange.HTTP_2.equals(sending.protocol)) {
            sending.streamId(streamId);
        }
    }

    /**
     * Work for an exchange the stack has not created yet (decoding a stream's HEADERS, parsing a request line and
     * its headers): the exchange opened inside it is given to {@link #adopt}, and the whole slice is its handling.
     */
    public static Slices enterPending() {
        return CURRENT.get().push(null, null, null, SliceKind.PENDING);
    }

    /**
     * The exchange just opened for the innermost pending slice on this thread, which becomes its handle slice
     * from its start. A pending slice adopts one exchange: the first.
     *
     * @return whether it did: the exchange's handling is then a slice already
     */
    public static boolean adopt(Exchange exchange) {
        Level top = CURRENT.get().top();
        if (exchange != null && top != null && top.kind == SliceKind.PENDING && top.exchange == null && exchange.tryEnterSlice()) {
            top.exchange = exchange;
            return true;
        }
        return false;
    }

    /**
     * The agent begins work of its own on this thread inside whatever slice is open: transforming a class the
     * application loads at first use, which allocates a few hundred KiB. Its bytes go to no exchange.
     */
    public static void agentWorkBegins() {
        Slices slices = CURRENT.get();
        Level top = slices.top();
        if (slices.agentWork++ == 0 && top != null) {
            long now = AllocationMeter.currentThreadAllocatedBytes();
            top.allocated += Math.max(0, since(slices.mark, now));
            slices.mark = now;
        }
    }

    /** The end of the work {@link #agentWorkBegins} began; the open slice counts again from here. */
    public static void agentWorkEnds() {
        Slices slices = CURRENT.get();
        if (slices.agentWork > 0 && --slices.agentWork == 0 && slices.depth > 0) {
            slices.mark = AllocationMeter.currentThreadAllocatedBytes();
        }
    }

    /** A pass of a stack's I/O loop (a selector's select and the keys it selected), for all its connections. */
    public static Slices enterIoLoop() {
        return CURRENT.get().push(null, null, null, SliceKind.IO_LOOP);
    }

    /** The innermost open slice, or null. */
    private Level top() {
        return depth == 0 ? null : levels[depth - 1];
    }

    /**
     * @param key the key {@code exchange} was found by, checked once it is held ({@link Exchange#tryHold}), or
     *            null for an exchange the caller holds open
     */
    private Slices push(Exchange exchange, Object key, Object connection, SliceKind kind) {
        Level top = top();
        if (key != null && top != null && top.exchange == exchange && exchange.key() != key) {
            // Held by the slice below, so its key is settled: it ended, or it was found by a key it served before.
            return null;
        }
        if (top != null && top.exchange == exchange && top.connection == connection && top.kind == kind) {
            top.reentries++;
            return this;
        }
        if (depth == MAX_DEPTH) {
            AgentCounters.SLICES_TOO_DEEP.increment(); // its bytes go to the innermost open slice
            return null;
        }
        Level level = levels[depth];
        // The outer slice holds the exchange open, so this one needs no hold of its own.
        if (exchange != null && top != null && top.exchange == exchange && !everySlice) {
            if (exchange.ended()) {
                return null; // its bytes go to the outer slice; its writes, after the end, to nobody
            }
            enterLevel(level, exchange, connection, kind, true, false);
            return this;
        }
        if (exchange != null && !(key == null ? exchange.tryEnterSlice() : exchange.tryHold(key))) {
            return null;
        }
        if (top != null && top.kind.sharedWork() && kind.write() && !everySlice) {
            enterLevel(level, exchange, connection, kind, true, true);
            return this;
        }
        long now = AllocationMeter.currentThreadAllocatedBytes();
        if (top != null) {
            top.allocated += Math.max(0, since(mark, now));
        }
        SliceEvent event = level.sliceEvent;
        // Asked before the level is entered: whether a write is inside recorded work depends on the levels below.
        boolean recorded = kind != SliceKind.IO_LOOP && event.isEnabled() && (everySlice || !writeInRecordedWork(kind));
        enterLevel(level, exchange, connection, kind, false, exchange != null);
        level.sliceBegun = recorded;
        if (level.sliceBegun) {
            event.begin();
        }
        jdk.jfr.Event write = kind == SliceKind.FRAME ? level.frameEvent : kind == SliceKind.BODY ? level.bodyEvent : null;
        level.writeBegun = write != null && write.isEnabled();
        if (level.writeBegun) {
            write.begin();
        }
        mark = now;
        return this;
    }

    /**
     * Whether a frame or body write is entered inside a recorded slice (a connection's flush writing frames of its
     * streams, one stream's handling writing another's). Unless every slice is recorded, such a write is measured for
     * its exchange but not recorded: an event costs more than the few hundred bytes a frame write allocates, and
     * a stack such as Netty writes tens of frames per response outside the handling. Allocation samples taken in it
     * go to the work around it, which the recording says ({@code AgentStatisticsEvent.everySlice}).
     */
    private boolean writeInRecordedWork(SliceKind kind) {
        if (!kind.write()) {
            return false;
        }
        int below = depth - 1;
        while (below >= 0 && levels[below].partOfOuter) {
            below--;
        }
        return below >= 0 && levels[below].sliceBegun;
    }

    private void enterLevel(Level level, Exchange exchange, Object connection, SliceKind kind, boolean partOfOuter,
                            boolean holds) {
        level.exchange = exchange;
        level.connection = connection;
        level.kind = kind;
        level.allocated = 0;
        level.reentries = 0;
        level.partOfOuter = partOfOuter;
        level.holds = holds;
        level.sliceBegun = false;
        level.writeBegun = false;
        depth++;
    }

    private void describeWrite(String frameType, long bytes, boolean last) {
        Level top = levels[depth - 1];
        if (top.reentries == 0) {
            top.frameType = frameType;
            top.writeBytes = bytes;
            top.lastWrite = last;
        }
    }

    private void pop() {
        Level top = top();
        if (top == null) {
            return;
        }
        if (top.reentries > 0) {
            top.reentries--;
            return;
        }
        depth--;
        Exchange exchange = top.exchange;
        top.exchange = null;
        if (top.partOfOuter) {
            // Its bytes since the last counter read go to the outer slice at its next read.
            levels[depth - 1].allocated += top.allocated;
            responseWrite(top, exchange);
            top.frameType = null;
            if (top.holds) {
                exchange.release();
            }
            return;
        }
        long now = AllocationMeter.currentThreadAllocatedBytes();
        long since = since(mark, now);
        long bytes = top.allocated + Math.max(0, since);
        boolean measured = since >= 0;
        SliceKind kind = top.kind;
        mark = now;
        if (kind == SliceKind.IO_LOOP) {
            AllocationTotals.ioLoopWork(bytes);
        } else if (kind == SliceKind.CONNECTION) {
            Connection connection = Connections.find(top.connection);
            top.connection = null;
            AllocationTotals.connectionWork(connection, bytes);
            commitConnectionSlice(top, connection, bytes);
        } else if (exchange == null) {
            // A pending slice no exchange adopted: its bytes stay with the slice around it.
            if (depth > 0) {
                levels[depth - 1].allocated += bytes;
            }
        } else {
            exchangeSliceEnded(top, exchange, kind, bytes, measured);
        }
    }

    /**
     * The bytes allocated between two reads of the thread's counter, or -1 when they cannot tell: either read -1
     * (HotSpot counts no allocation for a virtual thread, and the agent's clock counts one only once the agent asks),
     * or the count went back (a virtual thread's clock once read 149 MB less at a slice's end than at its start,
     * under load). Such a slice's bytes are unknown, which its exchange says, never a difference of unrelated counts.
     */
    private static long since(long mark, long now) {
        return mark >= 0 && now >= mark ? now - mark : -1;
    }

    private void exchangeSliceEnded(Level level, Exchange exchange, SliceKind kind, long bytes, boolean measured) {
        responseWrite(level, exchange);
        if (kind == SliceKind.FRAME && level.frameType != null) {
            commitFrame(level, exchange, bytes);
        } else if (kind == SliceKind.BODY) {
            commitBody(level, exchange, bytes);
        }
        commitSlice(level, exchange, kind == SliceKind.PENDING ? SliceKind.HANDLE : kind, bytes);
        level.frameType = null;
        exchange.exitSlice(bytes, measured);
    }

    /** The response write a frame or body slice made, told to its exchange. */
    private static void responseWrite(Level level, Exchange exchange) {
        if (level.kind == SliceKind.FRAME && level.frameType != null) {
            exchange.responseWrite("DATA".equals(level.frameType) ? level.writeBytes : 0, level.lastWrite);
        } else if (level.kind == SliceKind.BODY) {
            exchange.responseWrite(level.writeBytes, level.lastWrite);
        }
    }

    private static void commitConnectionSlice(Level level, Connection connection, long bytes) {
        SliceEvent event = level.sliceEvent;
        if (level.sliceBegun && event.isEnabled()) {
            event.end();
            event.exchangeId = 0;
            event.connectionId = connection == null ? 0 : connection.id;
            event.role = (connection == null ? Role.SERVER : connection.role).label;
            event.protocol = connection == null ? null : connection.protocol;
            event.streamId = 0;
            event.kind = SliceKind.CONNECTION.label;
            event.allocatedBytes = bytes;
            event.commit();
        }
    }

    private static void commitSlice(Level level, Exchange exchange, SliceKind kind, long bytes) {
        SliceEvent event = level.sliceEvent;
        if (level.sliceBegun && event.isEnabled()) {
            event.end();
            event.exchangeId = exchange.id;
            event.connectionId = exchange.connection.id;
            event.role = exchange.role.label;
            event.protocol = exchange.protocol;
            event.streamId = exchange.streamId;
            event.kind = kind.label;
            event.allocatedBytes = bytes;
            event.commit();
        }
    }

    private static void commitFrame(Level level, Exchange exchange, long bytes) {
        FrameWriteEvent event = level.frameEvent;
        if (level.writeBegun && event.isEnabled()) {
            event.end();
            event.exchangeId = exchange.id;
            event.connectionId = exchange.connection.id;
            event.streamId = exchange.streamId;
            event.frameType = level.frameType;
            event.payloadBytes = level.writeBytes;
            event.endStream = level.lastWrite;
            event.allocatedBytes = bytes;
            event.commit();
        }
    }

    private static void commitBody(Level level, Exchange exchange, long bytes) {
        BodyWriteEvent event = level.bodyEvent;
        if (level.writeBegun && event.isEnabled()) {
            event.end();
            event.exchangeId = exchange.id;
            event.connectionId = exchange.connection.id;
            event.streamId = exchange.streamId;
            event.bytes = level.writeBytes;
            event.last = level.lastWrite;
            event.allocatedBytes = bytes;
            event.commit();
        }
    }
}
