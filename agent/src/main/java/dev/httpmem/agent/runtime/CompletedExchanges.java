package dev.httpmem.agent.runtime;

import java.util.concurrent.atomic.LongAdder;

/** Exchanges completed so far and their response bytes, per protocol: the x of every heap checkpoint. */
final class CompletedExchanges {
    static final LongAdder HTTP1 = new LongAdder();
    static final LongAdder HTTP2 = new LongAdder();
    static final LongAdder HTTP1_RESPONSE_BYTES = new LongAdder();
    static final LongAdder HTTP2_RESPONSE_BYTES = new LongAdder();

    private CompletedExchanges() {}

    static void add(String protocol, long responseBytes) {
        if (Exchange.HTTP_2.equals(protocol)) {
            HTTP2.increment();
            HTTP2_RESPONSE_BYTES.add(responseBytes);
        } else {
            HTTP1.increment();
            HTTP1_RESPONSE_BYTES.add(responseBytes);
        }
        GcForcer.exchangeCompleted();
    }
}
