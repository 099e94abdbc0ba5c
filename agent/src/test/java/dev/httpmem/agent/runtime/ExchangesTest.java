package dev.httpmem.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ExchangesTest {
    @Test
    void openingAKeyThatHasAnExchangeOpenIsCounted() {
        Object key = new Object();
        Connection connection = Connections.of(new Object(), "test");
        long before = AgentCounters.openedTwice();
        Exchange first = Exchanges.open(key, "test", Role.SERVER, Exchange.HTTP_1_1, connection, 1, "GET", "/a");
        Exchange second = Exchanges.open(key, "test", Role.SERVER, Exchange.HTTP_1_1, connection, 1, "GET", "/b");
        assertSame(first, second, "the second request is counted with the first");
        assertEquals(before + 1, AgentCounters.openedTwice());
        Exchanges.end(key, Outcome.COMPLETED);
    }

    /**
     * A thread that found an exchange by its key and paused while it ended, and while hundreds of others finished
     * until the pool gave the same object to another request, must not then work for that request. Before advice
     * went through the key ({@code Slices.enter(Exchanges.find(key), ...)}), its slice went to the other request.
     */
    @Test
    void anExchangeFoundBeforeItWasReusedForAnotherKeyIsNotEntered() {
        Connection connection = Connections.of(new Object(), "test");
        Object key = new Object();
        Exchanges.open(key, "test", Role.SERVER, Exchange.HTTP_2, connection, 1, "GET", "/first");
        Exchange found = Exchanges.find(key);
        Exchanges.end(key, Outcome.COMPLETED);

        Object otherKey = null;
        List<Object> keys = new ArrayList<>();
        for (int i = 0; i < 100_000 && otherKey == null; i++) {
            Object next = new Object();
            if (Exchanges.open(next, "test", Role.SERVER, Exchange.HTTP_2, connection, 3 + 2L * i, "GET", "/other") == found) {
                otherKey = next;
            } else {
                keys.add(next);
            }
            if (keys.size() > 8) {
                Exchanges.end(keys.remove(0), Outcome.COMPLETED);
            }
        }
        assertSame(found, Exchanges.find(otherKey), "the pool gave the exchange to another request");

        assertNull(Slices.enterFound(found, key, SliceKind.HANDLE), "the key it was found by is not its key now");
        assertFalse(found.tryHold(key));
        Exchanges.status(key, 500);
        assertEquals(0, found.status, "nothing told for the old key reaches the new request");
        Slices slices = Slices.enterFound(found, otherKey, SliceKind.HANDLE);
        assertSame(found, Slices.current(), "found by its own key, it is entered");
        Slices.exit(slices);

        Exchanges.end(otherKey, Outcome.COMPLETED);
        keys.forEach(k -> Exchanges.end(k, Outcome.COMPLETED));
    }

    /** Two threads writing for one exchange at once (Jetty's DATA generation and its handler) lose no count. */
    @Test
    void responseWritesFromTwoThreadsAtOnceAreAllCounted() throws InterruptedException {
        Object key = new Object();
        Exchange exchange = Exchanges.open(key, "test", Role.SERVER, Exchange.HTTP_2, Connections.of(new Object(), "test"), 1,
                "GET", "/");
        int writes = 1_000_000;
        Runnable writer = () -> {
            for (int i = 0; i < writes; i++) {
                exchange.responseWrite(3, false);
            }
        };
        Thread other = new Thread(writer);
        other.start();
        writer.run();
        other.join();
        assertEquals(2L * writes, exchange.responseWrites());
        assertEquals(6L * writes, exchange.responseBodyBytes());
        Exchanges.end(key, Outcome.COMPLETED);
    }

    /**
     * A client writes its request and reads its response: what it reads is response body, and only reading its
     * response's end, not writing its request's, makes an exchange whose stream then closes a completed one.
     */
    @Test
    void aClientsWritesAreItsRequestAndItsReadsItsResponse() {
        Object key = new Object();
        Exchange exchange = Exchanges.open(key, "test", Role.CLIENT, Exchange.HTTP_2, Connections.of(new Object(), "test"),
                1, "POST", "/");
        exchange.responseWrite(100, true);
        exchange.requestBody(2_000);
        assertEquals(100, exchange.requestBodyBytes());
        assertEquals(2_000, exchange.responseBodyBytes());
        assertFalse(exchange.responseComplete(), "the request's last write is not the response's end");
        Exchanges.responseRead(key);
        assertTrue(exchange.responseComplete());
        Exchanges.end(key, Outcome.CLOSED);
    }

    /** A stream reset after its response was read whole is a client's completed exchange, a server's reset one. */
    @Test
    void aResetAfterTheWholeResponseCompletesAClientsExchangeOnly() {
        for (Role role : Role.values()) {
            Object key = new Object();
            Exchange exchange = Exchanges.open(key, "test", role, Exchange.HTTP_2, Connections.of(new Object(), "test"),
                    1, "GET", "/");
            if (role == Role.CLIENT) {
                Exchanges.responseRead(key);
            } else {
                exchange.responseWrite(100, true);
            }
            exchange.outcome = Outcome.RESET;
            assertEquals(role == Role.CLIENT ? Outcome.COMPLETED : Outcome.RESET, exchange.reportedOutcome(), role.label);
            Exchanges.end(key, Outcome.RESET);
        }
    }
}
