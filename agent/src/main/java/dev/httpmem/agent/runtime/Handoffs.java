package dev.httpmem.agent.runtime;

/**
 * Work a stack hands from an exchange's thread to another. gRPC makes a task for each step of a call (the method's
 * lookup, its start, each message, the half-close) and runs it on the call's executor, where the service's methods
 * allocate; the tasks are made on the event loop, some inside the stream's slice and some after it, but all carry
 * the call's context. So an object the stack keeps for one exchange (the context) is made its alias while the
 * exchange's slice runs, and work on the alias later, on any thread, is a slice of that exchange.
 */
public final class Handoffs {
    /** Alias to its exchange, until the exchange finishes; the alias is held weakly. */
    private static final IdentityTable<Exchange> ALIASES = new IdentityTable<>(1 << 16);

    private Handoffs() {}

    /** {@code alias} stands for the exchange this thread works for now, if any, until that exchange finishes. */
    public static void alias(Object alias) {
        Exchange exchange = Slices.current();
        // Only a slice's thread sets it, while the slice keeps the exchange from finishing.
        if (exchange == null || exchange.alias != null) {
            return;
        }
        Exchange aliased = ALIASES.putWeakIfAbsent(alias, exchange);
        if (aliased == exchange) {
            exchange.alias = alias;
        } else if (aliased == null) {
            AgentCounters.UNTRACKED.increment();
        }
    }

    /** A handle slice of the exchange {@code alias} stands for, if it is still open. */
    public static Slices enter(Object alias) {
        Exchange exchange = alias == null ? null : ALIASES.get(alias);
        if (exchange == null) {
            return null;
        }
        Object key = exchange.key();
        // Read after the key: an exchange that finished and was reused since the lookup has another alias, or none.
        return key == null || exchange.alias != alias ? null : Slices.enterExchangeOf(key, SliceKind.HANDLE);
    }

    /** {@code exchange} finished: its alias stands for nothing any more. */
    static void finished(Exchange exchange) {
        Object alias = exchange.alias;
        if (alias != null) {
            ALIASES.remove(alias, exchange);
            exchange.alias = null;
        }
    }
}
