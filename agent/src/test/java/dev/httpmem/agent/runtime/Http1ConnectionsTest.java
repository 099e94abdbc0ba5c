package dev.httpmem.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class Http1ConnectionsTest {
    @Test
    void requestsAreNumberedPerConnection() {
        Object first = new Object();
        Object second = new Object();
        Exchange one = openAndEnd(first);
        Exchange other = openAndEnd(second);
        Exchange two = openAndEnd(first);
        assertEquals(1, one.streamId());
        assertEquals(1, other.streamId());
        assertEquals(2, two.streamId());
        assertEquals(one.connectionId(), two.connectionId());
        assertNotEquals(one.connectionId(), other.connectionId());
        Connections.closed(first);
        Connections.closed(second);
        assertEquals(1, openAndEnd(first).streamId(), "a closed connection is forgotten");
        Connections.closed(first);
    }

    @Test
    void closingAConnectionEndsTheRequestItServed() {
        Object connection = new Object();
        Object request = new Object();
        Exchange exchange = Http1Connections.open(connection, request, "test", Role.SERVER, "GET", "/");
        Connections.closed(connection);
        assertNull(Exchanges.find(request));
        assertEquals(Outcome.CLOSED, exchange.outcome);
    }

    @Test
    void closingAConnectionLeavesAnEndedRequestAlone() {
        Object connection = new Object();
        Object request = new Object();
        Exchange exchange = Http1Connections.open(connection, request, "test", Role.SERVER, "GET", "/");
        Exchanges.end(request, Outcome.COMPLETED);
        Object reopened = new Object();
        Exchange other = Exchanges.open(reopened, "test", Role.SERVER, Exchange.HTTP_1_1, Connections.of(new Object(), "test"), 1, "GET", "/other");
        Connections.closed(connection);
        assertEquals(Outcome.COMPLETED, exchange.outcome);
        assertSame(other, Exchanges.find(reopened));
        Exchanges.end(reopened, Outcome.COMPLETED);
    }

    /** The exchange's numbers stay readable after it ends: it returns to the pool but is not reused at once. */
    private static Exchange openAndEnd(Object connection) {
        Object request = new Object();
        Exchange exchange = Http1Connections.open(connection, request, "test", Role.SERVER, "GET", "/");
        Exchanges.end(request, Outcome.COMPLETED);
        return exchange;
    }
}
