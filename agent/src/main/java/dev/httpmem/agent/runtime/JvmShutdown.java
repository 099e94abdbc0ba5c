package dev.httpmem.agent.runtime;

/**
 * Whether the JVM has begun shutting down. From then on a stopping server closes its connections and ends its
 * exchanges: a heap checkpoint or a forced GC then would describe the shutdown (no connection open, nothing held
 * by one) instead of the run, so neither is taken.
 */
final class JvmShutdown {
    /** Never registered: only asked to be removed, which the JDK refuses once shutdown has begun. */
    private static final Thread PROBE = new Thread(() -> { }, "httpmem-shutdown-probe");
    private static volatile boolean started;

    private JvmShutdown() {}

    /**
     * Whether shutdown has begun. A hook of our own would not do: the JVM runs every hook at once, so a server's
     * hook may close its connections before ours runs. The JDK stops taking hook changes before it starts any.
     */
    static boolean started() {
        if (!started) {
            try {
                Runtime.getRuntime().removeShutdownHook(PROBE);
            } catch (IllegalStateException shuttingDown) {
                started = true;
            }
        }
        return started;
    }
}
