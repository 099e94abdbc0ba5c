package dev.httpmem.examples.common;

import java.util.ArrayList;
import java.util.List;

/** The h2-body-retention leak: a slice of every HTTP/2 response body, kept forever. */
public final class BodyRetention {
    /** The seeds' ratio: about 330 B kept for a 90 KB body. */
    public static final int BODY_SHARE = 256;
    private static final int ARRAY_HEADER = 16;
    /** A reference in an ArrayList grown by half each time: 4 B, plus half again on average for spare capacity. */
    private static final int LIST_SLOT = 6;

    /**
     * Not final: a JIT compiler compiling code that folds a final field's object holds it by a local JNI handle, and
     * JFR's search for the old-object samples' GC roots, should it run meanwhile (at the recording's end, on a busy
     * machine), then gives that compiler thread as the root of every sample instead of this field.
     */
    @SuppressWarnings("FieldMayBeFinal")
    private static List<byte[]> RETAINED = new ArrayList<>();

    private BodyRetention() {}

    /** Keeps a copy of a share of {@code written}, as a frame writer holding on to its buffers would. */
    public static void keep(byte[] written, int offset, int length) {
        byte[] copy = new byte[length / BODY_SHARE];
        System.arraycopy(written, offset, copy, 0, copy.length);
        synchronized (RETAINED) {
            RETAINED.add(copy);
        }
    }

    /** What the leak keeps per response of {@code bodySize} bytes written in one piece: the planted slope. */
    public static long plantedBytesPerResponse(int bodySize) {
        long array = (long) ARRAY_HEADER + bodySize / BODY_SHARE;
        return (array + 7) / 8 * 8 + LIST_SLOT;
    }
}
