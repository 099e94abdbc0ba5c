package dev.httpmem.examples.common;

/** {@code GET /alloc/N}: a handler that allocates exactly N bytes, the ground truth for accuracy tests. */
public final class Allocations {
    /** A byte[] costs its length plus this header on a 64-bit HotSpot with compressed class pointers. */
    private static final int ARRAY_HEADER = 16;

    /** Keeps the allocation from being optimized away. */
    @SuppressWarnings("UnusedVariable") // written, never read: what keeps the JIT from dropping the allocation
    private static volatile Object sink;

    private Allocations() {}

    /** Allocates exactly {@code bytes} (a multiple of 8, at least the array header) or nothing when 0. */
    public static int allocate(long bytes) {
        if (bytes == 0) {
            return 0;
        }
        if (bytes < ARRAY_HEADER || bytes % 8 != 0 || bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("allocation must be 0 or a multiple of 8 of at least 16: " + bytes);
        }
        byte[] block = new byte[(int) (bytes - ARRAY_HEADER)];
        sink = block;
        return block.length;
    }

    /** Parses N from {@code /alloc/N}. */
    public static long parsePath(String path) {
        return Long.parseLong(path.substring("/alloc/".length()));
    }
}
