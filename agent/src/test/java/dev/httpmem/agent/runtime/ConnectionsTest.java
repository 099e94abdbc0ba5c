package dev.httpmem.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import org.junit.jupiter.api.Test;

class ConnectionsTest {
    @Test
    void aConnectionIsOneRecordUntilClosed() {
        Object connection = new Object();
        Connection record = Connections.of(connection, "test");
        assertSame(record, Connections.of(connection, "test"));
        assertNotEquals(record.id(), Connections.of(new Object(), "test").id());
        Connections.closed(connection);
        assertNotEquals(record, Connections.of(connection, "test"), "a closed connection is forgotten");
        Connections.closed(connection);
    }

    @Test
    void aConnectionIsIdleOnceAllItsExchangesEnded() {
        Object connection = new Object();
        Connection record = Connections.of(connection, "test");
        Object first = new Object();
        Object second = new Object();
        Exchanges.open(first, "test", Role.SERVER, Exchange.HTTP_2, record, 1, "GET", "/");
        Exchanges.open(second, "test", Role.SERVER, Exchange.HTTP_2, record, 3, "GET", "/");
        assertEquals(-1, record.idleNanos(System.nanoTime()));
        Exchanges.end(first, Outcome.COMPLETED);
        assertEquals(-1, record.idleNanos(System.nanoTime()), "one exchange still open");
        Exchanges.end(second, Outcome.RESET);
        assertTrue(record.idleNanos(System.nanoTime()) >= 0, "idle");
        assertEquals(2, record.exchanges());
        assertEquals(Exchange.HTTP_2, record.protocol);
        Connections.closed(connection);
    }

    @Test
    void theCensusCountsOpenAndIdleConnectionsPerRoleAndProtocol() {
        Connections.Census before = Connections.census();
        long closedHttp1 = Connections.closedCount(Role.SERVER, 0);
        long closedClientHttp2 = Connections.closedCount(Role.CLIENT, 1);
        Object busy = new Object();
        Object idle = new Object();
        Object pooled = new Object();
        Object stream = new Object();
        Exchanges.open(stream, "test", Role.SERVER, Exchange.HTTP_2, Connections.of(busy, "test"), 1, "GET", "/");
        Object request = new Object();
        Exchanges.open(request, "test", Role.SERVER, Exchange.HTTP_1_1, Connections.of(idle, "test"), 1, "GET", "/");
        Exchanges.end(request, Outcome.COMPLETED);
        Object sent = new Object();
        Exchanges.open(sent, "test", Role.CLIENT, Exchange.HTTP_2, Connections.of(pooled, "test"), 1, "GET", "/");
        Exchanges.end(sent, Outcome.COMPLETED);
        Connections.Census during = Connections.census();
        assertEquals(before.open() + 3, during.open(), "open");
        assertEquals(before.idle() + 2, during.idle(), "idle");
        assertEquals(before.openByProtocol()[Connections.slot(Role.SERVER, 0)] + 1,
                during.openByProtocol()[Connections.slot(Role.SERVER, 0)], "HTTP/1.1");
        assertEquals(before.openByProtocol()[Connections.slot(Role.SERVER, 1)] + 1,
                during.openByProtocol()[Connections.slot(Role.SERVER, 1)], "HTTP/2");
        assertEquals(before.openByProtocol()[Connections.slot(Role.CLIENT, 0)],
                during.openByProtocol()[Connections.slot(Role.CLIENT, 0)], "client HTTP/1.1");
        assertEquals(before.openByProtocol()[Connections.slot(Role.CLIENT, 1)] + 1,
                during.openByProtocol()[Connections.slot(Role.CLIENT, 1)], "client HTTP/2: the pool's connection");
        Exchanges.end(stream, Outcome.COMPLETED);
        Connections.closed(busy);
        Connections.closed(idle);
        Connections.closed(pooled);
        assertEquals(before.open(), Connections.census().open());
        assertEquals(closedHttp1 + 1, Connections.closedCount(Role.SERVER, 0));
        assertEquals(closedClientHttp2 + 1, Connections.closedCount(Role.CLIENT, 1));
    }

    @Test
    @SuppressWarnings("ReachabilityFenceUsage") // the fence only keeps the connection reachable through the GCs above it
    void aClosedConnectionStillReachableTwoGcsLaterIsHeld() throws InterruptedException {
        Object held = new Object();
        Object freed = new Object();
        for (Object connection : new Object[] {held, freed}) {
            Object stream = new Object();
            Exchanges.open(stream, "test", Role.SERVER, Exchange.HTTP_2, Connections.of(connection, "test"), 1, "GET", "/");
            Exchanges.end(stream, Outcome.RESET);
            Connections.closed(connection);
        }
        WeakReference<Object> dropped = new WeakReference<>(freed);
        freed = null;
        for (int i = 0; i < 50 && dropped.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        HeldConnections.Counts oneGcLater = HeldConnections.afterGc(true);
        HeldConnections.Counts twoGcsLater = HeldConnections.afterGc(false);
        assertEquals(oneGcLater.held()[1], twoGcsLater.held()[1], "the freed one is gone, the held one counted");
        assertEquals(oneGcLater.leaked()[1] + 1, twoGcsLater.leaked()[1], "leaked two GCs after its close, one of them major");
        Reference.reachabilityFence(held);
    }

    @Test
    @SuppressWarnings("ReachabilityFenceUsage") // the fence only keeps the connection reachable through the GCs above it
    void aClosedConnectionInTheStacksCacheIsHeldOnlyOnceTheCacheReleasedIt() {
        // Connections other tests closed and dropped would otherwise read as leaked by the GCs counted below.
        System.gc();
        Object connection = new Object();
        Object stream = new Object();
        Exchanges.open(stream, "test", Role.SERVER, Exchange.HTTP_2, Connections.of(connection, "test"), 1, "GET", "/");
        Exchanges.end(stream, Outcome.RESET);
        Connections.closedIntoCache(connection);
        HeldConnections.Counts closed = HeldConnections.afterGc(true);
        HeldConnections.Counts cachedTwoGcsLater = HeldConnections.afterGc(true);
        assertEquals(closed.leaked()[1], cachedTwoGcsLater.leaked()[1], "the stack's cache holds it: not leaked");
        Connections.released(connection);
        HeldConnections.Counts released = HeldConnections.afterGc(true);
        HeldConnections.Counts releasedTwoGcsLater = HeldConnections.afterGc(false);
        assertEquals(released.leaked()[1] + 1, releasedTwoGcsLater.leaked()[1], "leaked two GCs after the cache let go");
        Reference.reachabilityFence(connection);
    }

    @Test
    void theAgentNeverKeepsAConnectionAlive() throws InterruptedException {
        Object connection = new Object();
        Connection record = Connections.of(connection, "test");
        WeakReference<Object> dropped = new WeakReference<>(connection);
        connection = null;
        for (int i = 0; i < 50 && dropped.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertEquals(null, dropped.get(), "collected while the agent still had its record");
        Connections.checkpoint(0);
        assertTrue(record.closed, "a connection dropped unclosed is forgotten at the next checkpoint");
    }
}
