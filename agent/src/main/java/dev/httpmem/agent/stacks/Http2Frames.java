package dev.httpmem.agent.stacks;

/** HTTP/2 frames as the wire has them (RFC 9113 §4.1, §6), for stacks whose writes tell a frame's type by its code. */
public final class Http2Frames {
    public static final int DATA = 0;
    public static final int HEADERS = 1;
    public static final int CONTINUATION = 9;
    /** END_STREAM, on DATA and HEADERS. */
    public static final int END_STREAM = 0x1;
    /** PADDED, on DATA and HEADERS. */
    public static final int PADDED = 0x8;
    /** Names by type code; null for the frames no exchange writes (SETTINGS, PING, GOAWAY, PRIORITY). */
    private static final String[] EXCHANGE_FRAMES = {"DATA", "HEADERS", null, "RST_STREAM", null, "PUSH_PROMISE", null, null,
        "WINDOW_UPDATE", "CONTINUATION"};

    private Http2Frames() {}

    /** The name of a frame an exchange writes, by its type code; null for a connection's frame or an unknown one. */
    public static String exchangeFrame(int type) {
        return type >= 0 && type < EXCHANGE_FRAMES.length ? EXCHANGE_FRAMES[type] : null;
    }

    /** Whether a frame of this type with these flags ends its stream. */
    public static boolean endsStream(int type, int flags) {
        return (type == DATA || type == HEADERS) && (flags & END_STREAM) != 0;
    }
}
