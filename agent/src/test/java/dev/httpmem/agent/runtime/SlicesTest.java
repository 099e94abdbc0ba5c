package dev.httpmem.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpmem.schema.EventNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/** Attribution rules of slices, with real allocation measured by the JVM's per-thread counter. */
class SlicesTest {
    private static final int MIB = 1 << 20;
    /** What a test's own bookkeeping may add to a slice. */
    private static final double SLACK = 64 * 1024;

    @SuppressWarnings("UnusedVariable") // written, never read: what keeps the JIT from dropping the allocation
    private static volatile Object sink;

    @Test
    void bytesGoToTheInnermostSliceAndCountOnce() {
        Object outerKey = new Object();
        Object innerKey = new Object();
        Exchange outer = Exchanges.open(outerKey, "test", Role.SERVER, Exchange.HTTP_2, Connections.of(new Object(), "test"), 1, "GET", "/outer");
        Exchange inner = Exchanges.open(innerKey, "test", Role.SERVER, Exchange.HTTP_2, Connections.of(new Object(), "test"), 3, "GET", "/inner");

        Slices handle = Slices.enter(outer, SliceKind.HANDLE);
        allocate(MIB);
        Slices frame = Slices.enterFrame(inner, "DATA");
        allocate(2 * MIB);
        Slices.exitFrame(frame, 100, true);
        allocate(MIB);
        Slices.exit(handle);

        assertEquals(2 * MIB, outer.allocatedBytes(), SLACK);
        assertEquals(2 * MIB, inner.allocatedBytes(), SLACK);
        assertEquals(100, inner.responseBodyBytes());
        Exchanges.end(outerKey, Outcome.COMPLETED);
        Exchanges.end(innerKey, Outcome.COMPLETED);
    }

    @Test
    void aWriteInsideItsExchangesSliceIsPartOfItUnlessEverySliceIsMeasured() {
        for (boolean everySlice : new boolean[] {false, true}) {
            Slices.everySlice(everySlice);
            try {
                Object key = new Object();
                Object otherKey = new Object();
                Exchange exchange = Exchanges.open(key, "test", Role.SERVER, Exchange.HTTP_2, Connections.of(new Object(), "test"), 1, "GET", "/");
                Exchange other = Exchanges.open(otherKey, "test", Role.SERVER, Exchange.HTTP_2, Connections.of(new Object(), "test"), 3, "GET", "/");
                Slices handle = Slices.enter(exchange, SliceKind.HANDLE);
                Slices frame = Slices.enterFrame(exchange, "DATA");
                allocate(MIB);
                // Another exchange's frame written meanwhile still takes its own bytes.
                Slices otherFrame = Slices.enterFrame(other, "DATA");
                allocate(2 * MIB);
                Slices.exitFrame(otherFrame, 7, true);
                allocate(MIB);
                Slices.exitFrame(frame, 100, true);
                Slices.exit(handle);

                assertEquals(2 * MIB, exchange.allocatedBytes(), SLACK, "everySlice=" + everySlice);
                assertEquals(2 * MIB, other.allocatedBytes(), SLACK, "everySlice=" + everySlice);
                assertEquals(100, exchange.responseBodyBytes(), "its write is told either way");
                assertTrue(exchange.responseComplete());
                assertNull(Slices.current());
                Exchanges.end(key, Outcome.COMPLETED);
                Exchanges.end(otherKey, Outcome.COMPLETED);
            } finally {
                Slices.everySlice(false);
            }
        }
    }

    @Test
    void aWriteInsideConnectionWorkIsThatWorkUnlessEverySliceIsMeasured() throws Exception {
        for (boolean everySlice : new boolean[] {false, true}) {
            Slices.everySlice(everySlice);
            Path file = Files.createTempFile("slices", ".jfr");
            try (Recording recording = new Recording()) {
                recording.enable(EventNames.SLICE);
                recording.start();
                Object key = new Object();
                Object connection = new Object();
                Exchange exchange = Exchanges.open(key, "test", Role.SERVER, Exchange.HTTP_2, Connections.of(connection, "test"), 1, "GET", "/");
                Slices flush = Slices.enterConnection(connection);
                Slices frame = Slices.enterFrame(exchange, "DATA");
                allocate(MIB);
                Slices.exitFrame(frame, 100, false);
                Slices.exit(flush);
                // Outside other work a write is recorded whatever the detail.
                Slices.exitFrame(Slices.enterFrame(exchange, "DATA"), 100, true);
                recording.stop();
                recording.dump(file);

                assertEquals(everySlice ? MIB : 0, exchange.allocatedBytes(), SLACK, "everySlice=" + everySlice);
                assertEquals(200, exchange.responseBodyBytes(), "its writes are told either way");
                assertTrue(exchange.responseComplete());
                List<String> kinds = RecordingFile.readAllEvents(file).stream()
                        .filter(e -> e.getEventType().getName().equals(EventNames.SLICE))
                        .filter(e -> e.getThread() != null && e.getThread().getJavaThreadId() == Thread.currentThread().getId())
                        .map(e -> e.getString("kind")).collect(Collectors.toList());
                assertEquals(everySlice ? List.of("frame", "connection", "frame") : List.of("connection", "frame"), kinds,
                        "everySlice=" + everySlice);
                Exchanges.end(key, Outcome.COMPLETED);
            } finally {
                Slices.everySlice(false);
                Files.delete(file);
            }
        }
    }

    @Test
    void aSliceNestedDeeperThanTheThreadKeepsIsCountedAndItsBytesGoToTheSliceAroundIt() {
        List<Object> keys = new ArrayList<>();
        List<Exchange> exchanges = new ArrayList<>();
        List<Slices> open = new ArrayList<>();
        long tooDeepBefore = AgentCounters.slicesTooDeep();
        for (int i = 0; i <= 8; i++) {
            Object key = new Object();
            keys.add(key);
            Exchange exchange = Exchanges.open(key, "test", Role.SERVER, Exchange.HTTP_2, Connections.of(new Object(), "test"), 2L * i + 1, "GET", "/");
            exchanges.add(exchange);
            open.add(Slices.enter(exchange, SliceKind.HANDLE));
        }
        assertNull(open.get(8), "no level left for the ninth");
        assertEquals(tooDeepBefore + 1, AgentCounters.slicesTooDeep());
        allocate(MIB);
        for (int i = 7; i >= 0; i--) {
            Slices.exit(open.get(i));
        }
        assertEquals(MIB, exchanges.get(7).allocatedBytes(), SLACK, "the innermost open slice's exchange");
        assertEquals(0, exchanges.get(8).allocatedBytes(), SLACK);
        keys.forEach(key -> Exchanges.end(key, Outcome.COMPLETED));
    }

    @Test
    void theAgentsOwnWorkInsideASliceIsNoExchangesCost() {
        Object key = new Object();
        Exchange exchange = Exchanges.open(key, "test", Role.SERVER, Exchange.HTTP_2, Connections.of(new Object(), "test"), 1, "GET", "/");
        Slices handle = Slices.enter(exchange, SliceKind.HANDLE);
        allocate(MIB);
        Slices.agentWorkBegins();
        allocate(2 * MIB);
        Slices.agentWorkBegins(); // a class loaded while another is transformed
        allocate(MIB);
        Slices.agentWorkEnds();
        allocate(MIB);
        Slices.agentWorkEnds();
        allocate(MIB);
        Slices.exit(handle);
        assertEquals(2 * MIB, exchange.allocatedBytes(), SLACK);
        Exchanges.end(key, Outcome.COMPLETED);
    }

    /**
     * A client's body parser knows no exchange: what it reads goes to the exchange whose slice reads it, and the
     * JDK client's DATA frames, whose header its decoder parsed just before, to their stream's alone, once.
     */
    @Test
    void bodyReadInsideAClientsSliceIsItsResponseBody() {
        Object key = new Object();
        Exchange exchange = Exchanges.open(key, "test", Role.CLIENT, Exchange.HTTP_2, Connections.of(new Object(), "test"), 3, "GET", "/");
        Slices.bodyRead(1000); // outside every slice: nobody's
        Slices slices = Slices.enterExchangeOf(key, SliceKind.HANDLE);
        Slices.bodyRead(100);
        InboundFrames.parsed(3, 0x0, 16384);
        Slices.bodyRead(InboundFrames.takeData(5));
        Slices.bodyRead(InboundFrames.takeData(3));
        Slices.bodyRead(InboundFrames.takeData(3));
        InboundFrames.parsed(3, 0x1, 200); // HEADERS: no body
        Slices.bodyRead(InboundFrames.takeData(3));
        Slices.exit(slices);
        assertEquals(100 + 16384, exchange.responseBodyBytes());
        Exchanges.end(key, Outcome.COMPLETED);
    }

    @Test
    void reenteringTheSameSliceIsOneSlice() {
        Object key = new Object();
        Exchange exchange = Exchanges.open(key, "test", Role.SERVER, Exchange.HTTP_1_1, Connections.of(new Object(), "test"), 1, "GET", "/");
        Slices outer = Slices.enterBody(exchange, 10, false);
        Slices reentered = Slices.enterBody(exchange, 10, false);
        allocate(MIB);
        Slices.exit(reentered);
        assertSame(exchange, Slices.current(), "still inside the outer body write");
        Slices.exit(outer);
        assertNull(Slices.current());
        assertEquals(MIB, exchange.allocatedBytes(), SLACK);
        assertEquals(1, exchange.responseWrites(), "one write, not two");
        Exchanges.end(key, Outcome.COMPLETED);
    }

    @Test
    void aFailedLastWriteNeitherCountsNorCompletesTheResponse() {
        Object key = new Object();
        Exchange exchange = Exchanges.open(key, "test", Role.SERVER, Exchange.HTTP_1_1, Connections.of(new Object(), "test"), 1, "GET", "/");
        Slices.exitWrite(Slices.enterBody(exchange, 10, false), null);
        Slices.exitWrite(Slices.enterBody(exchange, 90, true), new java.io.IOException("Broken pipe"));
        assertEquals(10, exchange.responseBodyBytes());
        assertFalse(exchange.responseComplete(), "the client did not get the end of the response");
        Exchanges.end(key, Outcome.CLOSED);
    }

    @Test
    void anEndedExchangeFinishesOnlyWhenItsRunningSlicesExit() {
        Object key = new Object();
        Exchange exchange = Exchanges.open(key, "test", Role.SERVER, Exchange.HTTP_2, Connections.of(new Object(), "test"), 5, "GET", "/");
        Slices handle = Slices.enter(exchange, SliceKind.HANDLE);
        Exchanges.end(key, Outcome.COMPLETED);
        assertNull(Exchanges.find(key));
        assertNull(Slices.enter(exchange, SliceKind.BODY), "no new work is counted after the end");
        allocate(MIB);
        assertNotNull(exchange.path, "not finished while the handler runs");
        Slices.exit(handle);
        assertNull(exchange.path, "finished and recycled once the handler returned");
    }

    @Test
    void untrackedWorkIsIgnored() {
        assertNull(Slices.enter(null, SliceKind.HANDLE));
        Slices.exit(null);
        Slices.exitFrame(null, 1, true);
        assertNull(Slices.current());
    }

    @Test
    void exitToEndsTheSlicesACalleeEntered() {
        Object key = new Object();
        Exchange exchange = Exchanges.open(key, "test", Role.SERVER, Exchange.HTTP_1_1, Connections.of(new Object(), "test"), 1, "GET", "/");
        int depth = Slices.depth();
        Slices.enter(exchange, SliceKind.HANDLE);
        Slices.enterBody(exchange, 10, false);
        Slices.enterBody(exchange, 10, false);
        allocate(MIB);
        Slices.exitTo(depth);
        assertNull(Slices.current());
        assertEquals(depth, Slices.depth());
        assertEquals(MIB, exchange.allocatedBytes(), SLACK);
        Exchanges.end(key, Outcome.COMPLETED);
    }

    @Test
    void connectionWorkIsWhatItsExchangesDoNotTake() {
        Object channel = new Object();
        Object streamKey = new Object();
        Exchange exchange = Exchanges.open(streamKey, "test", Role.SERVER, Exchange.HTTP_2, Connections.of(channel, "test"), 1, "GET", "/");
        long before = AllocationTotals.connectionBytes(1);

        Slices read = Slices.enterConnection(channel);
        allocate(MIB);
        Slices handle = Slices.enter(exchange, SliceKind.HANDLE);
        allocate(2 * MIB);
        Slices.exit(handle);
        Slices.exit(Slices.enterConnection(channel)); // re-entered: one slice
        Slices.exit(read);

        assertEquals(2 * MIB, exchange.allocatedBytes(), SLACK);
        assertEquals(MIB, AllocationTotals.connectionBytes(1) - before, SLACK);
        assertNull(Slices.current(), "connection work is no exchange's");
        Exchanges.end(streamKey, Outcome.COMPLETED);
    }

    @Test
    void workForAConnectionBeforeItsFirstExchangeIsUnassigned() {
        long before = AllocationTotals.connectionBytes(AllocationTotals.UNASSIGNED);
        Slices handshake = Slices.enterConnection(new Object());
        allocate(MIB);
        Slices.exit(handshake);
        assertEquals(MIB, AllocationTotals.connectionBytes(AllocationTotals.UNASSIGNED) - before, SLACK);
    }

    @Test
    void aPendingSliceIsTheHandlingOfTheExchangeOpenedInsideIt() {
        Object channel = new Object();
        long before = AllocationTotals.connectionBytes(1);
        Slices read = Slices.enterConnection(channel);
        Object firstKey = new Object(); // the connection's first exchange makes it an HTTP/2 connection
        Exchanges.open(firstKey, "test", Role.SERVER, Exchange.HTTP_2, Connections.of(channel, "test"), 1, "GET", "/");
        allocate(MIB);
        Slices headers = Slices.enterPending();
        allocate(2 * MIB); // the stream's state, made before the stack has the stream
        Object streamKey = new Object();
        Exchange exchange = Exchanges.open(streamKey, "test", Role.SERVER, Exchange.HTTP_2, Connections.of(channel, "test"), 3, null, null);
        Slices.adopt(exchange);
        allocate(MIB);
        Slices.exit(headers);
        Slices rejected = Slices.enterPending();
        allocate(MIB); // no exchange opened: stays with the connection
        Slices.exit(rejected);
        Slices.exit(read);

        assertEquals(3 * MIB, exchange.allocatedBytes(), SLACK);
        assertEquals(2 * MIB, AllocationTotals.connectionBytes(1) - before, SLACK);
        exchange.describeRequest("GET", "/items?page=2");
        assertEquals("/items", exchange.path);
        Exchanges.end(streamKey, Outcome.COMPLETED);
        Exchanges.end(firstKey, Outcome.COMPLETED);
    }

    private static void allocate(int bytes) {
        sink = new byte[bytes - 16];
    }
}
