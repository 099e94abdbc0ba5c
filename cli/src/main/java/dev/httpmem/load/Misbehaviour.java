package dev.httpmem.load;

import dev.httpmem.load.LoadDriver.Protocol;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What a misbehaving client does to one request: the ways real clients leave a server in the middle of an exchange,
 * after which real servers leak (a connection kept once a stream on it failed, a buffer of a cancelled response).
 */
public enum Misbehaviour {
    /** HTTP/2: resets its stream (RST_STREAM, CANCEL) once the response began, then requests again on the connection. */
    CANCEL("cancelled", Set.of(Protocol.HTTP_2)),
    /** HTTP/2: sends GOAWAY with two streams in flight, reads what the server still sends, and closes. */
    GO_AWAY("GOAWAY", Set.of(Protocol.HTTP_2)),
    /** Closes its connection with a TCP reset once the response began. */
    DISCONNECT("disconnected", Set.of(Protocol.HTTP_1_1, Protocol.HTTP_2)),
    /** Reads the response slowly: through a 1 KiB HTTP/2 stream window, or a small socket buffer, 1 KiB at a time. */
    SLOW_READER("slow readers", Set.of(Protocol.HTTP_1_1, Protocol.HTTP_2));

    /** How a summary counts them. */
    public final String label;
    private final Set<Protocol> protocols;

    Misbehaviour(String label, Set<Protocol> protocols) {
        this.label = label;
        this.protocols = protocols;
    }

    /** The misbehaviours a client of {@code protocol} can show, in the order a run takes turns with them. */
    public static List<Misbehaviour> of(Protocol protocol) {
        return Arrays.stream(values()).filter(m -> m.protocols.contains(protocol)).toList();
    }
}
