package dev.httpmem.agent.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The kernel's view of this process's TCP sockets, from Linux's {@code /proc/net/tcp} and {@code tcp6}: whether the
 * peer of a connection the stack still holds open has closed its side. A socket the peer closed and the server did
 * not sits in CLOSE_WAIT; the server closing it too moves it to LAST_ACK.
 */
final class TcpStates {
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
    /** The kernel's state numbers (include/net/tcp_states.h). */
    private static final int ESTABLISHED = 0x01;
    private static final int CLOSE_WAIT = 0x08;
    private static final int LAST_ACK = 0x09;

    /** What the kernel says of one connection. */
    enum Peer { CONNECTED, CLOSED, UNKNOWN }

    private final Map<Key, Integer> states;

    private TcpStates(Map<Key, Integer> states) {
        this.states = states;
    }

    /** Whether this machine's kernel tells socket states at all. */
    static boolean available() {
        return Files.isReadable(TABLES.get(0));
    }

    /**
     * The sockets now whose local port is one of {@code localPorts} (a busy machine has many others: they are
     * skipped before being parsed); none where the tables cannot be read.
     */
    static TcpStates read(Set<Integer> localPorts) {
        Map<Key, Integer> states = new HashMap<>();
        for (Path table : TABLES) {
            if (!Files.isReadable(table)) {
                continue;
            }
            try (Stream<String> lines = Files.lines(table)) {
                lines.skip(1).forEach(line -> parse(line, localPorts, states));
            } catch (IOException | RuntimeException e) {
                // a table that vanished or changed shape tells nothing: its connections stay unknown
            }
        }
        return new TcpStates(states);
    }

    /** What the kernel says of the connection between {@code local} and {@code remote}. */
    Peer peer(InetSocketAddress local, InetSocketAddress remote) {
        Integer state = states.get(new Key(local.getPort(), remote.getPort(), remote.getAddress()));
        if (state == null) {
            return Peer.UNKNOWN;
        }
        return state == CLOSE_WAIT || state == LAST_ACK ? Peer.CLOSED : state == ESTABLISHED ? Peer.CONNECTED : Peer.UNKNOWN;
    }

    /** {@code sl local_address rem_address st ...}: addresses as hex words in host order, then :port in hex. */
    private static void parse(String line, Set<Integer> localPorts, Map<Key, Integer> states) {
        int local = field(line, 0, 1);
        int remote = field(line, local, 1);
        int state = field(line, remote, 1);
        if (local < 0 || remote < 0 || state < 0) {
            return;
        }
        int localColon = line.indexOf(':', local);
        int localPort = Integer.parseInt(line, localColon + 1, remote - 1, 16);
        if (!localPorts.contains(localPort)) {
            return;
        }
        int remoteColon = line.indexOf(':', remote);
        InetAddress remoteAddress = address(line.substring(remote, remoteColon));
        if (remoteAddress != null) {
            states.put(new Key(localPort, Integer.parseInt(line, remoteColon + 1, state - 1, 16), remoteAddress),
                    Integer.parseInt(line, state, state + 2, 16));
        }
    }

    /** Where the field {@code count} fields after the one at {@code from} starts (a space-separated table); -1 if none. */
    private static int field(String line, int from, int count) {
        int i = from;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        for (int n = 0; n < count; n++) {
            while (i < line.length() && line.charAt(i) != ' ') {
                i++;
            }
            while (i < line.length() && line.charAt(i) == ' ') {
                i++;
            }
        }
        return i < line.length() ? i : -1;
    }

    /**
     * The kernel prints each 32-bit word of an address in host (little-endian) byte order; an IPv4-mapped IPv6
     * address comes back as the IPv4 address, as the stacks report it.
     */
    private static InetAddress address(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int b = 0; b < 4; b++) {
                int at = word * 8 + (3 - b) * 2;
                bytes[word * 4 + b] = (byte) Integer.parseInt(hex, at, at + 2, 16);
            }
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private record Key(int localPort, int remotePort, InetAddress remoteAddress) {
    }
}
