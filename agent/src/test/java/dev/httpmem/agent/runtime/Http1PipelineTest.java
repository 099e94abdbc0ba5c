package dev.httpmem.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Pipelined HTTP/1.1: requests numbered as they arrive (or leave, a client's), answered oldest first, all ended on close. */
class Http1PipelineTest {
    @Test
    void readsGoToTheNewestRequestAndResponsesToTheOldest() {
        Connection connection = Connections.of(this, "test");
        Http1Pipeline pipeline = new Http1Pipeline("test", Role.SERVER, connection, this);
        Object firstKey = new Object();
        Object secondKey = new Object();
        Exchange first = pipeline.open(firstKey, "GET", "/a");
        Exchange second = pipeline.open(secondKey, "GET", "/b?x=1");
        assertEquals(1, first.streamId());
        assertEquals(2, second.streamId());
        assertEquals(connection.id(), second.connectionId());
        assertSame(second, pipeline.requestExchange());

        assertSame(first, pipeline.responseStarts());
        assertSame(first, pipeline.responseExchange());
        pipeline.responseEnds(first);
        assertNull(Exchanges.find(firstKey), "the first exchange ended with its last write");
        assertSame(second, pipeline.responseExchange());

        Object thirdKey = new Object();
        Exchange third = pipeline.open(thirdKey, "GET", "/c");
        assertEquals(3, third.streamId());
        pipeline.close();
        assertNull(Exchanges.find(secondKey));
        assertNull(Exchanges.find(thirdKey));
        assertNull(pipeline.responseExchange());
    }

    @Test
    void aResponseWithoutALastWriteEndsWhenTheNextOneStarts() {
        Http1Pipeline pipeline = new Http1Pipeline("test", Role.SERVER, Connections.of(this, "test"), this);
        Object firstKey = new Object();
        Exchange first = pipeline.open(firstKey, "GET", "/a");
        Exchange second = pipeline.open(new Object(), "GET", "/b");
        assertSame(first, pipeline.responseStarts());
        assertSame(second, pipeline.responseStarts());
        assertNull(Exchanges.find(firstKey));
        pipeline.responseEnds(first);
        assertSame(second, pipeline.responseExchange(), "a late last write of an ended exchange ends nothing else");
        pipeline.close();
    }

    @Test
    void anUpgradedRequestEndsAndIsNotReported() {
        Http1Pipeline pipeline = new Http1Pipeline("test", Role.SERVER, Connections.of(this, "test"), this);
        Object key = new Object();
        Exchange exchange = pipeline.open(key, "GET", "/");
        pipeline.upgraded();
        assertNull(Exchanges.find(key));
        assertEquals(Outcome.UPGRADED, exchange.outcome);
    }

    @Test
    void requestsBeyondTheDepthLimitAreUntrackedButStillNumbered() {
        Http1Pipeline pipeline = new Http1Pipeline("test", Role.SERVER, Connections.of(this, "test"), this);
        long untracked = AgentCounters.untracked();
        for (int i = 0; i < Http1Pipeline.MAX_IN_FLIGHT; i++) {
            pipeline.open(new Object(), "GET", "/");
        }
        assertNull(pipeline.open(new Object(), "GET", "/"));
        assertEquals(untracked + 1, AgentCounters.untracked());
        assertNull(pipeline.requestExchange(), "the untracked request's body is nobody's");
        pipeline.responseStarts();
        pipeline.responseEnds(pipeline.responseExchange());
        assertEquals(Http1Pipeline.MAX_IN_FLIGHT + 2, pipeline.open(new Object(), "GET", "/").streamId());
        pipeline.close();
    }

    @Test
    void aClientsResponseEndsItsOldestRequestOnceHandled() {
        Object reader = new Object();
        Http1Pipeline pipeline = new Http1Pipeline("test", Role.CLIENT, Connections.of(this, "test"), null);
        assertFalse(pipeline.readBy(reader), "a client's reader is named by its first decode");
        pipeline.reader(reader);
        assertTrue(pipeline.readBy(reader));
        Object firstKey = new Object();
        Exchange first = pipeline.open(firstKey, "POST", "/a");
        Exchange second = pipeline.open(new Object(), "GET", "/b");
        assertSame(Role.CLIENT, first.role());
        assertSame(second, pipeline.requestExchange(), "a request's writes are the newest's");

        assertSame(first, pipeline.responseStarts());
        pipeline.responseRead(first);
        assertSame(first, Exchanges.find(firstKey), "open until the application handled its last content");
        pipeline.responseHandled();
        assertNull(Exchanges.find(firstKey));
        assertEquals(Outcome.COMPLETED, first.outcome);
        assertSame(second, pipeline.responseExchange());
        pipeline.responseHandled();
        assertSame(second, pipeline.responseExchange(), "a batch without a response's end ends nothing");
        pipeline.close();
    }
}
