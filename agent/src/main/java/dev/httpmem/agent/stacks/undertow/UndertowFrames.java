package dev.httpmem.agent.stacks.undertow;

import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.Http2Frames;
import java.nio.ByteBuffer;

/**
 * The frames one call of a stream's frame generator made, read from the frame headers it returns (RFC 9113 §4.1:
 * a 24-bit length, a type, flags, a stream id): a HEADERS frame with its header block (and any CONTINUATION) on the
 * first call, then a DATA frame's header, whose payload is written from the stream's own buffer.
 */
public final class UndertowFrames {
    private static final int FRAME_HEADER = 9;

    private UndertowFrames() {}

    /**
     * Exits the frame slice {@code slices} with the frames whose headers {@code frames} holds from position 0
     * (null when flow control let none be written): a HEADERS frame is the slice's own, a DATA frame after it a
     * second slice of the exchange {@code key} keys.
     */
    public static void written(Slices slices, Object key, ByteBuffer frames) {
        int at = 0;
        int end = frames == null ? 0 : frames.limit();
        long headerBlock = 0;
        boolean headers = false;
        boolean headersEndStream = false;
        while (at + FRAME_HEADER <= end && (frames.get(at + 3) == Http2Frames.HEADERS || frames.get(at + 3) == Http2Frames.CONTINUATION)) {
            headerBlock += length(frames, at);
            headersEndStream |= Http2Frames.endsStream(frames.get(at + 3), frames.get(at + 4));
            headers = true;
            at += FRAME_HEADER + length(frames, at);
        }
        boolean data = at + FRAME_HEADER <= end && frames.get(at + 3) == Http2Frames.DATA;
        if (headers) {
            Slices.exitFrame(slices, "HEADERS", headerBlock, headersEndStream);
            if (data) {
                Slices.exitFrame(Slices.enterFrame(key, null, 0, null), "DATA", dataPayload(frames, at), endStream(frames, at));
            }
        } else {
            Slices.exitFrame(slices, data ? "DATA" : null, data ? dataPayload(frames, at) : 0, data && endStream(frames, at));
        }
    }

    private static int length(ByteBuffer frames, int at) {
        return ((frames.get(at) & 0xFF) << 16) | ((frames.get(at + 1) & 0xFF) << 8) | (frames.get(at + 2) & 0xFF);
    }

    /** A DATA frame's payload: its length less the padding it declares (its pad length byte and the padding). */
    private static int dataPayload(ByteBuffer frames, int at) {
        int length = length(frames, at);
        boolean padded = (frames.get(at + 4) & Http2Frames.PADDED) != 0 && at + FRAME_HEADER < frames.limit();
        return padded ? length - 1 - (frames.get(at + FRAME_HEADER) & 0xFF) : length;
    }

    private static boolean endStream(ByteBuffer frames, int at) {
        return (frames.get(at + 4) & Http2Frames.END_STREAM) != 0;
    }
}
