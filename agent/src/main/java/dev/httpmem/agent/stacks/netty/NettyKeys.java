package dev.httpmem.agent.stacks.netty;

import dev.httpmem.agent.runtime.FieldReader;

/**
 * Netty objects that key exchanges, and the text of requests, reached from where advice stands. Only the JDK's
 * types here: this class is loaded by the agent's loader, which need not see Netty's.
 */
public final class NettyKeys {
    /** The channel attribute under which an HTTP/1.1 connection keeps its {@code Http1Pipeline}. */
    public static final String HTTP1_PIPELINE = "dev.httpmem.http1Pipeline";

    /** A child channel's stream ({@code Http2FrameCodec.DefaultHttp2FrameStream}) keeps its Http2Stream private. */
    private static final FieldReader FRAME_STREAM =
            new FieldReader("io.netty.handler.codec.http2.Http2FrameCodec$DefaultHttp2FrameStream", "stream");

    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "TRACE", "CONNECT"};

    private NettyKeys() {}

    /** The Http2Stream, the key of an HTTP/2 exchange, behind an {@code Http2FrameStream}. */
    public static Object http2Stream(Object frameStream) throws Throwable {
        return FRAME_STREAM.readOrSelf(frameStream);
    }

    /** An HTTP/2 {@code :method}: the JDK's constant for a standard method, so nothing is allocated for it. */
    public static String method(CharSequence method) {
        if (method == null || method instanceof String) {
            return (String) method;
        }
        for (String known : METHODS) {
            if (known.contentEquals(method)) {
                return known;
            }
        }
        return method.toString();
    }

    public static String text(CharSequence text) {
        return text == null ? null : text.toString();
    }

    /** An HTTP/2 {@code :status}, or 0 when it is not three digits. */
    public static int status(CharSequence status) {
        if (status == null || status.length() != 3) {
            return 0;
        }
        int code = 0;
        for (int i = 0; i < 3; i++) {
            char digit = status.charAt(i);
            if (digit < '0' || digit > '9') {
                return 0;
            }
            code = code * 10 + (digit - '0');
        }
        return code;
    }
}
