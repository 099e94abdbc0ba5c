package dev.httpmem.analysis;

/**
 * One protocol's connections at the last heap checkpoint (by the protocol of each connection's latest exchange):
 * opened so far, closed so far, open, and leaked (closed by the stack, yet still reachable: held after their
 * clients left). All zero in recordings of agents that did not count them.
 */
public record ProtocolConnections(long opened, long closed, long open, long leaked) {
    static final ProtocolConnections NONE = new ProtocolConnections(0, 0, 0, 0);

    static ProtocolConnections at(Checkpoint checkpoint, int protocol) {
        Checkpoint.Connections c = checkpoint.connections();
        return new ProtocolConnections(c.closed()[protocol] + c.open()[protocol], c.closed()[protocol],
                c.open()[protocol], c.leaked()[protocol]);
    }
}
