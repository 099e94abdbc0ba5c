package dev.httpmem.agent.runtime;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether the JVM has begun shutting down. From then on a stopping server closes its connections and ends its
 * exchanges: a heap checkpoint or a forced GC then would describe the shutdown (no connection open, nothing held
 * by one) instead of the run, so neither is taken.
 */
final class JvmShutdown {
    private static final AtomicBoolean WATCHED = new AtomicBoolean();
    private static volatile boolean started;

    private JvmShutdown() {}

    /** Starts watching for the shutdown; a hook cannot be added once it began. */
    static void watch() {
        if (WATCHED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> started = true, "httpmem-shutdown"));
        }
    }

    static boolean started() {
        return started;
    }
}
