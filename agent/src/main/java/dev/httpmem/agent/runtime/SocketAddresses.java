package dev.httpmem.agent.runtime;

import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * A stack's connection object's two socket addresses, read through its own public accessors, found by name once per
 * class: {@code getLocalSocketAddress}/{@code getRemoteSocketAddress} (Jetty's endpoints), {@code localAddress}/
 * {@code remoteAddress} (Netty's channels), {@code getLocalPort}/{@code getRemoteAddr}/{@code getRemotePort}
 * (Tomcat's socket wrappers). Read only for connections idle for long, off every request's path.
 */
final class SocketAddresses {
    /** {@code {local, remote}}, or null where the class offers neither pair of accessors. */
    private static final ClassValue<Reader> READERS = new ClassValue<>() {
        @Override
        protected Reader computeValue(Class<?> type) {
            Method local = method(type, "getLocalSocketAddress");
            Method remote = method(type, "getRemoteSocketAddress");
            if (local == null || remote == null) {
                local = method(type, "localAddress");
                remote = method(type, "remoteAddress");
            }
            if (local != null && remote != null) {
                Method localAddress = local;
                Method remoteAddress = remote;
                return connection -> new InetSocketAddress[] {
                        inet(localAddress.invoke(connection)), inet(remoteAddress.invoke(connection))};
            }
            Method localPort = method(type, "getLocalPort");
            Method remoteHost = method(type, "getRemoteAddr");
            Method remotePort = method(type, "getRemotePort");
            if (localPort == null || remoteHost == null || remotePort == null) {
                return null;
            }
            return connection -> {
                InetAddress peer = literal((String) remoteHost.invoke(connection));
                return new InetSocketAddress[] {new InetSocketAddress((Integer) localPort.invoke(connection)),
                        peer == null ? null : new InetSocketAddress(peer, (Integer) remotePort.invoke(connection))};
            };
        }
    };

    private SocketAddresses() {}

    /** {@code {local, remote}} of a connected TCP socket, or null when they cannot be read. */
    static InetSocketAddress[] of(Object connection) {
        Reader reader = READERS.get(connection.getClass());
        if (reader == null) {
            return null;
        }
        try {
            InetSocketAddress[] addresses = reader.read(connection);
            return addresses[0] == null || addresses[1] == null ? null : addresses;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private interface Reader {
        InetSocketAddress[] read(Object connection) throws ReflectiveOperationException;
    }

    private static Method method(Class<?> type, String name) {
        try {
            Method method = type.getMethod(name);
            return method.getParameterCount() == 0 && method.trySetAccessible() ? method : null;
        } catch (NoSuchMethodException | RuntimeException e) {
            return null;
        }
    }

    private static InetSocketAddress inet(Object address) {
        return address instanceof InetSocketAddress inet ? inet : null;
    }

    /** An IP literal as an address; null for anything else, which would need a name lookup. */
    private static InetAddress literal(String ip) {
        boolean literal = ip != null && !ip.isEmpty()
                && (ip.indexOf(':') >= 0 || ip.chars().allMatch(c -> c == '.' || Character.isDigit(c)));
        try {
            return literal ? InetAddress.getByName(ip) : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
