package dev.httpmem.agent.runtime;

/**
 * A FIFO of finished exchanges. Reuse comes only after {@link #MIN_IDLE} others were finished, so a thread that
 * looked an exchange up an instant before it ended seldom meets it again as somebody else's; when it does, the
 * key it found it by tells ({@link Exchange#tryHold}).
 */
final class ExchangePool {
    private static final int CAPACITY = 4096;
    private static final int MIN_IDLE = 256;

    private final Exchange[] ring = new Exchange[CAPACITY];
    private int head;
    private int size;

    synchronized Exchange take() {
        if (size <= MIN_IDLE) {
            return new Exchange();
        }
        Exchange exchange = ring[head];
        ring[head] = null;
        head = (head + 1) & (CAPACITY - 1);
        size--;
        return exchange;
    }

    synchronized void give(Exchange exchange) {
        if (size < CAPACITY) {
            ring[(head + size) & (CAPACITY - 1)] = exchange;
            size++;
        }
    }
}
