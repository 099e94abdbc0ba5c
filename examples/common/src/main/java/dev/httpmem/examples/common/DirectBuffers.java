package dev.httpmem.examples.common;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The h2-offheap-growth scenario (the lighttpd seed: memory that grows outside the heap): each HTTP/2 response
 * stages the start of its body in a direct buffer of a varied size, {@link #MIN_SIZE} to {@link #MAX_SIZE} bytes,
 * taken from a pool. The leaky pool finds no free buffer of the exact size it wants, allocates a new one, and keeps
 * every buffer it ever handed out; the clean twin's pool hands back a free one large enough and keeps at most
 * {@link #MAX_POOLED}.
 */
public final class DirectBuffers {
    public static final int MIN_SIZE = 512;
    public static final int MAX_SIZE = 2047;
    private static final int MAX_POOLED = 64;
    private static final AtomicLong TAKEN = new AtomicLong();

    private final boolean leaky;
    private final List<ByteBuffer> everHandedOut = new ArrayList<>();
    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();

    DirectBuffers(boolean leaky) {
        this.leaky = leaky;
    }

    /** The mean size of the buffers taken: what the leaky pool adds to direct memory per response. */
    public static double meanSize() {
        return (MIN_SIZE + MAX_SIZE) / 2.0;
    }

    /** Stages the start of {@code body} in a pooled direct buffer, as a response writer would, and gives it back. */
    void stage(byte[] body) {
        ByteBuffer buffer = take(MIN_SIZE + (int) (TAKEN.getAndIncrement() * 7919 % (MAX_SIZE - MIN_SIZE + 1)));
        buffer.put(body, 0, Math.min(body.length, buffer.remaining()));
        give(buffer);
    }

    private synchronized ByteBuffer take(int size) {
        if (!leaky) {
            for (int i = 0; i < free.size(); i++) {
                ByteBuffer candidate = free.pollFirst();
                if (candidate.capacity() >= size) {
                    candidate.clear().limit(size);
                    return candidate;
                }
                free.addLast(candidate);
            }
        }
        ByteBuffer buffer = ByteBuffer.allocateDirect(size);
        if (leaky) {
            everHandedOut.add(buffer);
        }
        return buffer;
    }

    private synchronized void give(ByteBuffer buffer) {
        if (!leaky && free.size() < MAX_POOLED) {
            free.addLast(buffer);
        }
    }
}
