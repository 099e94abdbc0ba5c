package dev.httpmem.agent.events;

import dev.httpmem.schema.EventNames;
import dev.httpmem.schema.HeapCheckpointFields;
import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timestamp;

/** The heap after a GC next to how many exchanges each protocol had completed by then: what retention is fit on. */
@Name(EventNames.HEAP_CHECKPOINT)
@Label("Heap Checkpoint")
@Category("HTTP Memory")
@Description("Memory after a garbage collection, with the cumulative exchanges and response bytes per protocol")
@StackTrace(false)
public final class HeapCheckpointEvent extends jdk.jfr.Event {
    @Name(HeapCheckpointFields.GC_ID) @Label("GC Id") @Description("Sequence of collections seen by the agent")
    public long gcId;
    @Label("GC End") @Description("When the GC ended: the event itself is committed later, when the JVM delivers its notification")
    @Name(HeapCheckpointFields.GC_END) @Timestamp(Timestamp.MILLISECONDS_SINCE_EPOCH)
    public long gcEnd;
    @Name(HeapCheckpointFields.FORCED) @Label("Forced") @Description("A full GC someone asked for (the agent's option gc-every, System.gc(), jcmd GC.run, a heap dump), so the heap holds only live objects")
    public boolean forced;
    @Name(HeapCheckpointFields.HEAP_USED) @Label("Heap Used") @Description("Heap used after the GC") @DataAmount
    public long heapUsed;
    @Name(HeapCheckpointFields.OLD_GEN_USED) @Label("Old Generation Used") @Description("Old generation used after the GC; -1 when the collector does not say") @DataAmount
    public long oldGenUsed;
    @Name(HeapCheckpointFields.HEAP_COMMITTED) @Label("Heap Committed") @DataAmount
    public long heapCommitted;
    @Name(HeapCheckpointFields.DIRECT_MEMORY_USED) @Label("Direct Memory Used") @Description("NIO direct buffers") @DataAmount
    public long directMemoryUsed;
    @Name(HeapCheckpointFields.RSS) @Label("Resident Set Size") @Description("Process RSS; -1 where /proc/self/status is absent") @DataAmount
    public long rss;
    @Name(HeapCheckpointFields.HTTP1_EXCHANGES) @Label("HTTP/1.1 Exchanges") @Description("HTTP/1.1 exchanges this JVM answered, completed so far")
    public long http1Exchanges;
    @Name(HeapCheckpointFields.HTTP2_EXCHANGES) @Label("HTTP/2 Exchanges") @Description("HTTP/2 exchanges this JVM answered, completed so far")
    public long http2Exchanges;
    @Name(HeapCheckpointFields.HTTP1_RESPONSE_BYTES) @Label("HTTP/1.1 Response Bytes") @Description("HTTP/1.1 response body bytes so far") @DataAmount
    public long http1ResponseBytes;
    @Name(HeapCheckpointFields.HTTP2_RESPONSE_BYTES) @Label("HTTP/2 Response Bytes") @Description("HTTP/2 response body bytes so far") @DataAmount
    public long http2ResponseBytes;
    @Name(HeapCheckpointFields.CLIENT_HTTP1_EXCHANGES) @Label("Client HTTP/1.1 Exchanges") @Description("HTTP/1.1 requests this JVM sent, completed so far")
    public long clientHttp1Exchanges;
    @Name(HeapCheckpointFields.CLIENT_HTTP2_EXCHANGES) @Label("Client HTTP/2 Exchanges") @Description("HTTP/2 requests this JVM sent, completed so far")
    public long clientHttp2Exchanges;
    @Name(HeapCheckpointFields.CLIENT_HTTP1_RESPONSE_BYTES) @Label("Client HTTP/1.1 Response Bytes") @Description("HTTP/1.1 response body bytes this JVM read so far") @DataAmount
    public long clientHttp1ResponseBytes;
    @Name(HeapCheckpointFields.CLIENT_HTTP2_RESPONSE_BYTES) @Label("Client HTTP/2 Response Bytes") @Description("HTTP/2 response body bytes this JVM read so far") @DataAmount
    public long clientHttp2ResponseBytes;
    @Name(HeapCheckpointFields.OPEN_EXCHANGES) @Label("Open Exchanges") @Description("Exchanges started and not yet ended")
    public long openExchanges;
    @Name(HeapCheckpointFields.OPEN_CONNECTIONS) @Label("Open Connections") @Description("Connections that carried an exchange and are not closed yet")
    public long openConnections;
    @Name(HeapCheckpointFields.IDLE_CONNECTIONS) @Label("Idle Connections") @Description("Open connections with no open exchange: they outlived all their exchanges so far")
    public long idleConnections;
    @Name(HeapCheckpointFields.HTTP1_OPEN_CONNECTIONS) @Label("HTTP/1.1 Open Connections") @Description("A server's open connections whose latest exchange was HTTP/1.1")
    public long http1OpenConnections;
    @Name(HeapCheckpointFields.HTTP2_OPEN_CONNECTIONS) @Label("HTTP/2 Open Connections") @Description("A server's open connections whose latest exchange was HTTP/2")
    public long http2OpenConnections;
    @Name(HeapCheckpointFields.HTTP1_PEER_CLOSED_CONNECTIONS) @Label("HTTP/1.1 Peer-Closed Connections") @Description("Open HTTP/1.1 connections with no open exchange whose peer has closed its side (Linux: the socket is in CLOSE_WAIT)")
    public long http1PeerClosedConnections;
    @Name(HeapCheckpointFields.HTTP2_PEER_CLOSED_CONNECTIONS) @Label("HTTP/2 Peer-Closed Connections") @Description("Open HTTP/2 connections with no open exchange whose peer has closed its side (Linux: the socket is in CLOSE_WAIT)")
    public long http2PeerClosedConnections;
    @Name(HeapCheckpointFields.HTTP1_CLOSED_CONNECTIONS) @Label("HTTP/1.1 Closed Connections") @Description("A server's HTTP/1.1 connections closed so far")
    public long http1ClosedConnections;
    @Name(HeapCheckpointFields.HTTP2_CLOSED_CONNECTIONS) @Label("HTTP/2 Closed Connections") @Description("A server's HTTP/2 connections closed so far")
    public long http2ClosedConnections;
    @Name(HeapCheckpointFields.HTTP1_HELD_CONNECTIONS) @Label("HTTP/1.1 Held Connections") @Description("HTTP/1.1 connections the server holds after their peer left: closed by the stack and still reachable after this GC (after a young GC, some may be garbage in the old generation), or kept open after their peer closed")
    public long http1HeldConnections;
    @Name(HeapCheckpointFields.HTTP2_HELD_CONNECTIONS) @Label("HTTP/2 Held Connections") @Description("HTTP/2 connections the server holds after their peer left: closed by the stack and still reachable after this GC (after a young GC, some may be garbage in the old generation), or kept open after their peer closed")
    public long http2HeldConnections;
    @Name(HeapCheckpointFields.HTTP1_LEAKED_CONNECTIONS) @Label("HTTP/1.1 Leaked Connections") @Description("Held HTTP/1.1 connections for good: still reachable two GCs after their close, one of them major, or open over a second after their peer closed")
    public long http1LeakedConnections;
    @Name(HeapCheckpointFields.HTTP2_LEAKED_CONNECTIONS) @Label("HTTP/2 Leaked Connections") @Description("Held HTTP/2 connections for good: still reachable two GCs after their close, one of them major, or open over a second after their peer closed")
    public long http2LeakedConnections;
    @Name(HeapCheckpointFields.CLIENT_HTTP1_OPEN_CONNECTIONS) @Label("Client HTTP/1.1 Open Connections") @Description("Connections this JVM opened as a client and has not closed, whose latest exchange was HTTP/1.1: its pools' size, busy and idle")
    public long clientHttp1OpenConnections;
    @Name(HeapCheckpointFields.CLIENT_HTTP2_OPEN_CONNECTIONS) @Label("Client HTTP/2 Open Connections") @Description("Connections this JVM opened as a client and has not closed, whose latest exchange was HTTP/2: its pools' size, busy and idle")
    public long clientHttp2OpenConnections;
    @Name(HeapCheckpointFields.CLIENT_HTTP1_CLOSED_CONNECTIONS) @Label("Client HTTP/1.1 Closed Connections") @Description("Connections this JVM opened as a client, closed so far, whose latest exchange was HTTP/1.1")
    public long clientHttp1ClosedConnections;
    @Name(HeapCheckpointFields.CLIENT_HTTP2_CLOSED_CONNECTIONS) @Label("Client HTTP/2 Closed Connections") @Description("Connections this JVM opened as a client, closed so far, whose latest exchange was HTTP/2")
    public long clientHttp2ClosedConnections;
    @Name(HeapCheckpointFields.LISTING) @Label("Listing") @Description("The number of the listing of open exchanges and idle and leaked connections made right after this event")
    public long listing;
}
