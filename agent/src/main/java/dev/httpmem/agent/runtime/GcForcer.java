package dev.httpmem.agent.runtime;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Option {@code gc-every=N}: a full GC every N completed exchanges, so every N exchanges a checkpoint holds only
 * live objects. The GC runs on the agent's own thread, never on a request's; none once the JVM shuts down
 * ({@link JvmShutdown}).
 */
public final class GcForcer {
    private static final AtomicLong COMPLETED = new AtomicLong();
    private static final Semaphore DUE = new Semaphore(0);
    private static volatile long every;

    private GcForcer() {}

    public static synchronized void start(long exchanges) {
        if (every > 0 || exchanges <= 0) {
            return;
        }
        every = exchanges;
        Thread thread = new Thread(GcForcer::run, "httpmem-gc-every");
        thread.setDaemon(true);
        thread.start();
    }

    static void exchangeCompleted() {
        long n = every;
        if (n > 0 && COMPLETED.incrementAndGet() % n == 0) {
            DUE.release();
        }
    }

    private static void run() {
        while (true) {
            try {
                DUE.acquire();
                DUE.drainPermits();
                if (JvmShutdown.started()) {
                    return;
                }
                System.gc();
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
