package dev.httpmem.load;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP/2 connection over cleartext with prior knowledge (h2c without Upgrade), spoken frame by frame: what a
 * misbehaving client needs and the JDK's client cannot do (reset a stream it still reads, send GOAWAY with streams in
 * flight, read slower than the server writes). Requests are GETs with HPACK literals that the server does not index,
 * so no header table is kept; what the server answers is read as frames, its header blocks not decoded.
 */
final class Http2Socket implements Closeable {
    static final int DATA = 0x0;
    static final int HEADERS = 0x1;
    static final int RST_STREAM = 0x3;
    static final int SETTINGS = 0x4;
    static final int PING = 0x6;
    static final int GOAWAY = 0x7;
    static final int WINDOW_UPDATE = 0x8;
    static final int END_STREAM = 0x1;
    /** The window a stream has until its receiver says otherwise, and the connection's, which settings cannot change. */
    static final int DEFAULT_WINDOW = 65_535;
    static final int MAX_WINDOW = Integer.MAX_VALUE;
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int END_HEADERS = 0x4;
    private static final int ACK = 0x1;
    private static final int SETTINGS_ENABLE_PUSH = 0x2;
    private static final int SETTINGS_INITIAL_WINDOW_SIZE = 0x4;
    private static final int CANCEL = 0x8;
    private static final int NO_ERROR = 0x0;
    private static final int TIMEOUT_MILLIS = 10_000;
    /** HPACK: an indexed header field, and the static table's entries a GET names (RFC 7541, appendix A). */
    private static final int INDEXED = 0x80;
    private static final int STATIC_AUTHORITY = 1;
    private static final int STATIC_METHOD_GET = 2;
    private static final int STATIC_PATH = 4;
    private static final int STATIC_SCHEME_HTTP = 6;

    /**
     * A frame the server sent; its payload is read and dropped, its length kept for flow control.
     *
     * @param errorCode the error code of a RST_STREAM or GOAWAY frame, else 0
     */
    record Frame(int type, int flags, int stream, int length, int errorCode) {
        boolean endsStream() {
            return (type == DATA || type == HEADERS) && (flags & END_STREAM) != 0;
        }

        /** Whether it is a frame of {@code stream} that answers it: its headers or data. */
        boolean answers(int stream) {
            return this.stream == stream && (type == HEADERS || type == DATA);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final String authority;
    /** Whether the server's preface (its first SETTINGS frame) was read. */
    private boolean serverPreface;

    private Http2Socket(Socket socket, String authority) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        // Each frame leaves in one piece, as clients send them: Jetty 12.1 answered a SETTINGS frame whose header and
        // payload came in two TCP segments with GOAWAY (PROTOCOL_ERROR, invalid_settings_frame) now and then.
        this.out = new BufferedOutputStream(socket.getOutputStream());
        this.authority = authority;
    }

    /**
     * Connects and sends the preface with {@code streamWindow} as each stream's window; a window larger than the
     * default opens the connection's as wide, so that only the streams' windows pace the server.
     *
     * @param receiveBuffer the socket's receive buffer in bytes, or 0 for the system's
     */
    static Http2Socket open(URI target, int streamWindow, int receiveBuffer) throws IOException {
        Socket socket = connect(target, receiveBuffer);
        try {
            socket.setTcpNoDelay(true);
            Http2Socket connection = new Http2Socket(socket, authority(target));
            connection.out.write(PREFACE);
            connection.frame(SETTINGS, 0, 0, settings(streamWindow));
            if (streamWindow > DEFAULT_WINDOW) {
                connection.windowUpdate(0, MAX_WINDOW - DEFAULT_WINDOW);
            }
            connection.out.flush();
            return connection;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * A socket connected to {@code target}'s host and port, reads timing out as requests do here.
     *
     * @param receiveBuffer the socket's receive buffer in bytes, or 0 for the system's
     */
    static Socket connect(URI target, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        try {
            if (receiveBuffer > 0) {
                socket.setReceiveBufferSize(receiveBuffer);
            }
            socket.connect(new InetSocketAddress(target.getHost(), port(target)), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** {@code host:port} of a cleartext target, as HTTP/1.1's Host and HTTP/2's :authority name it. */
    static String authority(URI target) {
        return target.getHost() + ":" + port(target);
    }

    private static int port(URI target) {
        return target.getPort() > 0 ? target.getPort() : 80;
    }

    /** The path and query a request for {@code target} asks for: "/" when it has no path. */
    static String pathAndQuery(URI target) {
        String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        return target.getRawQuery() == null ? path : path + "?" + target.getRawQuery();
    }

    private static byte[] settings(int streamWindow) {
        return new byte[] {
                0, SETTINGS_ENABLE_PUSH, 0, 0, 0, 0,
                0, SETTINGS_INITIAL_WINDOW_SIZE,
                (byte) (streamWindow >>> 24), (byte) (streamWindow >>> 16), (byte) (streamWindow >>> 8), (byte) streamWindow};
    }

    /** A GET of {@code target}'s path and query on {@code stream}, which ends the request. */
    void request(int stream, URI target) throws IOException {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        block.write(INDEXED | STATIC_METHOD_GET);
        block.write(INDEXED | STATIC_SCHEME_HTTP);
        literal(block, STATIC_PATH, pathAndQuery(target));
        literal(block, STATIC_AUTHORITY, authority);
        frame(HEADERS, END_STREAM | END_HEADERS, stream, block.toByteArray());
        out.flush();
    }

    /** Cancels {@code stream}: RST_STREAM with CANCEL, what a client sends for a response it no longer wants. */
    void cancel(int stream) throws IOException {
        frame(RST_STREAM, 0, stream, int32(CANCEL));
        out.flush();
    }

    /** GOAWAY with no error: the client opens no more streams, those in flight may finish. */
    void goAway() throws IOException {
        byte[] payload = new byte[8];
        System.arraycopy(int32(0), 0, payload, 0, 4); // the last stream the server initiated: it initiates none
        System.arraycopy(int32(NO_ERROR), 0, payload, 4, 4);
        frame(GOAWAY, 0, 0, payload);
        out.flush();
    }

    /** Lets the server send {@code bytes} more on {@code stream} (0: on the connection). */
    void windowUpdate(int stream, int bytes) throws IOException {
        frame(WINDOW_UPDATE, 0, stream, int32(bytes));
        out.flush();
    }

    /**
     * The server's next frame, its payload skipped; settings and pings are acknowledged on the way.
     *
     * @throws java.io.EOFException when the server closed the connection
     * @throws IOException          when what it sent first is no SETTINGS frame: it speaks no HTTP/2 here
     */
    Frame read() throws IOException {
        int length = in.readUnsignedShort() << 8 | in.readUnsignedByte();
        int type = in.readUnsignedByte();
        int flags = in.readUnsignedByte();
        int stream = in.readInt() & 0x7FFF_FFFF;
        if (!serverPreface) {
            if (type != SETTINGS || stream != 0 || (flags & ACK) != 0) {
                throw new IOException("the server answered no HTTP/2 SETTINGS frame: does it take h2c with prior knowledge?");
            }
            serverPreface = true;
        }
        byte[] payload = new byte[length];
        in.readFully(payload);
        if (type == SETTINGS && (flags & ACK) == 0) {
            frame(SETTINGS, ACK, 0, new byte[0]);
            out.flush();
        } else if (type == PING && (flags & ACK) == 0) {
            frame(PING, ACK, 0, payload);
            out.flush();
        }
        int errorCode = type == RST_STREAM && length >= 4 ? int32(payload, 0) : type == GOAWAY && length >= 8 ? int32(payload, 4) : 0;
        // Flow control counts a DATA frame's whole payload, padding included.
        return new Frame(type, flags, stream, length, errorCode);
    }

    /** Closes with a TCP reset rather than a FIN: the client vanishes mid-response, as a killed process does. */
    void abort() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void frame(int type, int flags, int stream, byte[] payload) throws IOException {
        byte[] header = {(byte) (payload.length >>> 16), (byte) (payload.length >>> 8), (byte) payload.length,
                (byte) type, (byte) flags, (byte) (stream >>> 24), (byte) (stream >>> 16), (byte) (stream >>> 8), (byte) stream};
        out.write(header);
        out.write(payload);
    }

    private static int int32(byte[] bytes, int at) {
        return (bytes[at] & 0xFF) << 24 | (bytes[at + 1] & 0xFF) << 16 | (bytes[at + 2] & 0xFF) << 8 | bytes[at + 3] & 0xFF;
    }

    private static byte[] int32(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    /**
     * A header field as a literal the server does not index (RFC 7541, 6.2.2), named by its index in the static
     * table as clients name pseudo-headers (Tomcat refuses a ':' in a name given as a string), its value not
     * Huffman-coded.
     */
    private static void literal(ByteArrayOutputStream block, int nameIndex, String value) {
        block.write(nameIndex);
        string(block, value);
    }

    private static void string(ByteArrayOutputStream block, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        integer(block, bytes.length);
        block.writeBytes(bytes);
    }

    /** An HPACK integer with a 7-bit prefix (RFC 7541, 5.1), the Huffman bit clear. */
    private static void integer(ByteArrayOutputStream block, int value) {
        if (value < 127) {
            block.write(value);
            return;
        }
        block.write(127);
        int rest = value - 127;
        while (rest >= 128) {
            block.write(rest % 128 + 128);
            rest /= 128;
        }
        block.write(rest);
    }
}
