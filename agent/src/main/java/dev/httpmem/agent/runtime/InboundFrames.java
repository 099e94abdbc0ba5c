package dev.httpmem.agent.runtime;

/**
 * The header of the HTTP/2 frame a stack's decoder parsed last on this thread, for a stack that hands the frame
 * itself on as an object the advice cannot read (the JDK's HttpClient: a class of a module that exports nothing
 * to the agent). The decoder parses a frame's header and then gives the frame to its stream on the same thread
 * before it parses the next, so the stream's advice takes the header parsed last.
 */
public final class InboundFrames {
    private static final int DATA = 0x0;
    private static final ThreadLocal<long[]> LAST = ThreadLocal.withInitial(() -> new long[] {-1, -1, 0});

    private InboundFrames() {}

    /** A frame header the decoder parsed on this thread. */
    public static void parsed(int streamId, int type, int length) {
        long[] last = LAST.get();
        last[0] = streamId;
        last[1] = type;
        last[2] = length;
    }

    /**
     * The payload length of the frame parsed last on this thread if it is a DATA frame of stream {@code streamId},
     * else 0; a header is taken once.
     */
    public static long takeData(long streamId) {
        long[] last = LAST.get();
        if (last[0] != streamId || last[1] != DATA) {
            return 0;
        }
        last[0] = -1;
        return last[2];
    }
}
