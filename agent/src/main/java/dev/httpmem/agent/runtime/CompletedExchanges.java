package dev.httpmem.agent.runtime;

import java.util.concurrent.atomic.LongAdder;

/**
 * Exchanges completed so far and their response bytes, per role and protocol (indexed by {@link Role#ordinal} and
 * {@link Exchange#protocolIndex}): the x of every heap checkpoint.
 */
final class CompletedExchanges {
    private static final LongAdder[][] EXCHANGES = counters();
    private static final LongAdder[][] RESPONSE_BYTES = counters();

    private CompletedExchanges() {}

    /** An exchange completed, its response {@code responseBytes} long (a server wrote them, a client read them). */
    static void add(Role role, String protocol, long responseBytes) {
        int index = Exchange.protocolIndex(protocol);
        EXCHANGES[role.ordinal()][index].increment();
        RESPONSE_BYTES[role.ordinal()][index].add(responseBytes);
        GcForcer.exchangeCompleted();
    }

    static long exchanges(Role role, int protocol) {
        return EXCHANGES[role.ordinal()][protocol].sum();
    }

    static long responseBytes(Role role, int protocol) {
        return RESPONSE_BYTES[role.ordinal()][protocol].sum();
    }

    private static LongAdder[][] counters() {
        LongAdder[][] counters = new LongAdder[Role.values().length][2];
        for (LongAdder[] role : counters) {
            for (int p = 0; p < role.length; p++) {
                role[p] = new LongAdder();
            }
        }
        return counters;
    }
}
