package dev.httpmem.examples.common;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/** Response bodies for {@code GET /body?size=N}: JSON-like bytes, built once per size like the seeds' constant body. */
public final class Bodies {
    /** The seeds' response: about 90 KB of JSON. */
    public static final int DEFAULT_SIZE = 90 * 1024;
    public static final int MAX_SIZE = 64 * 1024 * 1024;
    private static final int MAX_CACHED_SIZES = 64;

    private static final ConcurrentHashMap<Integer, byte[]> CACHE = new ConcurrentHashMap<>();

    private Bodies() {}

    public static byte[] json(int size) {
        if (size < 0 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be within 0.." + MAX_SIZE + ": " + size);
        }
        byte[] cached = CACHE.get(size);
        if (cached != null) {
            return cached;
        }
        byte[] body = build(size);
        if (CACHE.size() < MAX_CACHED_SIZES) {
            CACHE.putIfAbsent(size, body);
        }
        return body;
    }

    /** Parses the {@code size} query parameter; the default size when absent. */
    public static int sizeParameter(String query) {
        if (query != null) {
            for (String parameter : query.split("&")) {
                if (parameter.startsWith("size=")) {
                    return Integer.parseInt(parameter.substring(5));
                }
            }
        }
        return DEFAULT_SIZE;
    }

    private static byte[] build(int size) {
        StringBuilder json = new StringBuilder(size + 64).append('{');
        for (int column = 0; json.length() < size; column++) {
            json.append(column == 0 ? "" : ",").append("\"col").append(column).append("\":[");
            for (int row = 1; row <= 200 && json.length() < size; row++) {
                json.append(row == 1 ? "" : ",").append(row).append(".5");
            }
            json.append(']');
        }
        byte[] bytes = json.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[size];
        System.arraycopy(bytes, 0, body, 0, size);
        if (size > 0) {
            body[size - 1] = '}';
        }
        return body;
    }
}
