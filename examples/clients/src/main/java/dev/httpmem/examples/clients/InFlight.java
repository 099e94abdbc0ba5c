package dev.httpmem.examples.clients;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An asynchronous client's requests of one phase: at most {@link ClientDriver.Options#concurrency} in flight, those
 * that failed counted, and the last one waited for.
 */
final class InFlight {
    private final Semaphore slots;
    private final CountDownLatch ended;
    private final AtomicLong failed = new AtomicLong();

    InFlight(ClientDriver.Options options) {
        slots = new Semaphore(options.concurrency());
        ended = new CountDownLatch(options.requests());
    }

    /** Waits until another request may be sent. */
    void begin() throws InterruptedException {
        slots.acquire();
    }

    /** A request is over, answered and handled ({@code ok}) or not. */
    void end(boolean ok) {
        if (!ok) {
            failed.incrementAndGet();
        }
        slots.release();
        ended.countDown();
    }

    /** Waits for every request to be over; returns how many failed. */
    long awaitFailed() throws InterruptedException {
        ended.await();
        return failed.get();
    }
}
