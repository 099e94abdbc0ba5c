package dev.httpmem.examples.common;

import java.util.ArrayList;
import java.util.List;

/**
 * The burst scenario: one request path that makes {@link #BYTES} of data at once, the first time it is asked; the
 * leaky mode keeps it for good (a cache warmed once and never bounded), the clean twin drops it.
 */
public final class Burst {
    public static final int BYTES = 20 << 20;
    private static final int CHUNK = 1 << 20;
    private static final int ARRAY_HEADER = 16;
    private static final List<byte[]> KEPT = new ArrayList<>();
    private static boolean done;
    /** Keeps the clean twin's allocation from being optimized away, without keeping any of it. */
    @SuppressWarnings("UnusedVariable") // written, never read: what keeps the JIT from dropping the allocation
    private static volatile long checksum;

    private Burst() {}

    static synchronized void run(boolean keep) {
        if (done) {
            return;
        }
        done = true;
        for (int made = 0; made < BYTES; made += CHUNK) {
            byte[] chunk = new byte[CHUNK - ARRAY_HEADER];
            chunk[made % chunk.length] = 1;
            if (keep) {
                KEPT.add(chunk);
            } else {
                checksum += chunk[made % chunk.length];
            }
        }
    }
}
