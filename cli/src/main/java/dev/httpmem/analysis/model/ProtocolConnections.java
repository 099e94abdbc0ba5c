package dev.httpmem.analysis.model;

import dev.httpmem.analysis.retention.Checkpoint;
import java.util.Map;

/**
 * One protocol's connections at the last heap checkpoint (by the protocol of each connection's latest exchange):
 * opened so far, closed so far, open, and leaked (held after their clients left:
 * closed by the stack yet still reachable, or kept open after their peer closed), with the leaked ones the last
 * listing named, by how the agent knows ({@link LeakedConnection#kind}). All zero in recordings of agents that did
 * not count them.
 */
public record ProtocolConnections(long opened, long closed, long open, long leaked, Map<String, Long> leakedByKind) {
    public static final ProtocolConnections NONE = new ProtocolConnections(0, 0, 0, 0, Map.of());

    public ProtocolConnections {
        leakedByKind = Map.copyOf(leakedByKind);
    }

    public static ProtocolConnections at(Checkpoint checkpoint, int protocol, Map<String, Long> leakedByKind) {
        Checkpoint.Connections c = checkpoint.connections();
        return new ProtocolConnections(c.closed()[protocol] + c.open()[protocol], c.closed()[protocol],
                c.open()[protocol], c.leaked()[protocol], leakedByKind);
    }
}
