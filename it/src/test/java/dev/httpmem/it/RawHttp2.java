package dev.httpmem.it;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A bare HTTP/2 client over h2c with prior knowledge, for what real clients refuse to send: a request whose
 * headers break the protocol, which the server must reject on its stream.
 */
final class RawHttp2 {
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADERS = 0x1;
    private static final int RST_STREAM = 0x3;
    private static final int SETTINGS = 0x4;
    private static final int GOAWAY = 0x7;
    private static final int END_STREAM = 0x1;
    private static final int END_HEADERS = 0x4;
    private static final int ACK = 0x1;

    private RawHttp2() {}

    /** What the server answered a stream with: the frame type that ended it. */
    enum Answer { HEADERS, RST_STREAM, GOAWAY }

    /**
     * Sends one GET on stream 1 of a new connection with {@code headers} after the pseudo-headers (HPACK literals,
     * no Huffman), and reads frames until the server answers it.
     */
    static Answer send(int port, String path, Map<String, String> headers) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(PREFACE);
            frame(out, SETTINGS, 0, 0, new byte[0]);
            ByteArrayOutputStream block = new ByteArrayOutputStream();
            literal(block, ":method", "GET");
            literal(block, ":scheme", "http");
            literal(block, ":path", path);
            literal(block, ":authority", "127.0.0.1:" + port);
            headers.forEach((name, value) -> literal(block, name, value));
            frame(out, HEADERS, END_STREAM | END_HEADERS, 1, block.toByteArray());
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            while (true) {
                int length = in.readUnsignedShort() << 8 | in.readUnsignedByte();
                int type = in.readUnsignedByte();
                int flags = in.readUnsignedByte();
                int stream = in.readInt() & 0x7FFF_FFFF;
                in.readFully(new byte[length]);
                if (type == SETTINGS && (flags & ACK) == 0) {
                    frame(out, SETTINGS, ACK, 0, new byte[0]);
                } else if (type == HEADERS && stream == 1) {
                    return Answer.HEADERS;
                } else if (type == RST_STREAM && stream == 1) {
                    return Answer.RST_STREAM;
                } else if (type == GOAWAY) {
                    return Answer.GOAWAY;
                }
            }
        }
    }

    /** A literal header field without indexing, its name and value as plain strings. */
    private static void literal(ByteArrayOutputStream block, String name, String value) {
        block.write(0x00);
        string(block, name);
        string(block, value);
    }

    /** A string literal, not Huffman-coded, short enough for a one-byte length. */
    private static void string(ByteArrayOutputStream block, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length >= 127) {
            throw new IllegalArgumentException("longer than a one-byte HPACK length: " + text);
        }
        block.write(bytes.length);
        block.writeBytes(bytes);
    }

    private static void frame(OutputStream out, int type, int flags, int stream, byte[] payload) throws IOException {
        out.write(new byte[] {(byte) (payload.length >>> 16), (byte) (payload.length >>> 8), (byte) payload.length,
                (byte) type, (byte) flags, (byte) (stream >>> 24), (byte) (stream >>> 16), (byte) (stream >>> 8), (byte) stream});
        out.write(payload);
    }
}
