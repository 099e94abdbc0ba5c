package dev.httpmem.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** Pipelined HTTP/1.1: requests numbered as they arrive, answered oldest first, all ended on close. */
class Http1PipelineTest {
    @Test
    void readsGoToTheNewestRequestAndResponsesToTheOldest() {
        Connection connection = Connections.of(this, "test");
        Http1Pipeline pipeline = new Http1Pipeline("test", connection, this);
        Object firstKey = new Object();
        Object secondKey = new Object();
        Exchange first = pipeline.open(firstKey, "GET", "/a");
        Exchange second = pipeline.open(secondKey, "GET", "/b?x=1");
        assertEquals(1, first.streamId());
        assertEquals(2, second.streamId());
        assertEquals(connection.id(), second.connectionId());
        assertSame(second, pipeline.reading());

        assertSame(first, pipeline.responseStarts());
        assertSame(first, pipeline.writing());
        pipeline.responseEnds(first);
        assertNull(Exchanges.find(firstKey), "the first exchange ended with its last write");
        assertSame(second, pipeline.writing());

        Object thirdKey = new Object();
        Exchange third = pipeline.open(thirdKey, "GET", "/c");
        assertEquals(3, third.streamId());
        pipeline.close();
        assertNull(Exchanges.find(secondKey));
        assertNull(Exchanges.find(thirdKey));
        assertNull(pipeline.writing());
    }

    @Test
    void aResponseWithoutALastWriteEndsWhenTheNextOneStarts() {
        Http1Pipeline pipeline = new Http1Pipeline("test", Connections.of(this, "test"), this);
        Object firstKey = new Object();
        Exchange first = pipeline.open(firstKey, "GET", "/a");
        Exchange second = pipeline.open(new Object(), "GET", "/b");
        assertSame(first, pipeline.responseStarts());
        assertSame(second, pipeline.responseStarts());
        assertNull(Exchanges.find(firstKey));
        pipeline.responseEnds(first);
        assertSame(second, pipeline.writing(), "a late last write of an ended exchange ends nothing else");
        pipeline.close();
    }

    @Test
    void anUpgradedRequestEndsAndIsNotReported() {
        Http1Pipeline pipeline = new Http1Pipeline("test", Connections.of(this, "test"), this);
        Object key = new Object();
        Exchange exchange = pipeline.open(key, "GET", "/");
        pipeline.upgraded();
        assertNull(Exchanges.find(key));
        assertEquals(Outcome.UPGRADED, exchange.outcome);
    }

    @Test
    void requestsBeyondTheDepthLimitAreUntrackedButStillNumbered() {
        Http1Pipeline pipeline = new Http1Pipeline("test", Connections.of(this, "test"), this);
        long untracked = AgentCounters.untracked();
        for (int i = 0; i < Http1Pipeline.MAX_IN_FLIGHT; i++) {
            pipeline.open(new Object(), "GET", "/");
        }
        assertNull(pipeline.open(new Object(), "GET", "/"));
        assertEquals(untracked + 1, AgentCounters.untracked());
        assertNull(pipeline.reading(), "the untracked request's body is nobody's");
        pipeline.responseStarts();
        pipeline.responseEnds(pipeline.writing());
        assertEquals(Http1Pipeline.MAX_IN_FLIGHT + 2, pipeline.open(new Object(), "GET", "/").streamId());
        pipeline.close();
    }
}
