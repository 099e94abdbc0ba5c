package dev.httpmem.it;

/**
 * Early, failing and never-ending exchanges on Netty 4.1.80, the oldest the agent supports: its HTTP/1.1 decoder
 * has no {@code handlerRemoved0} of its own (4.1.88's), so a dropped connection's exchanges end as the channel goes
 * inactive.
 */
class Netty4180LifecycleIT extends AbstractNettyLifecycleIT {
    Netty4180LifecycleIT() {
        super(ExampleServer.NETTY_4_1_80);
    }

    /** Netty checks a request's headers for connection-specific ones from 4.1.83 (HttpHeaderValidationUtil) on. */
    @Override
    MalformedHeadersAnswer malformedHeadersAnswer() {
        return MalformedHeadersAnswer.SERVED;
    }
}
