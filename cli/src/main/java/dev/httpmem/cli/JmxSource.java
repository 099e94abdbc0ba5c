package dev.httpmem.cli;

import dev.httpmem.analysis.LiveAnalysis;
import java.io.IOException;
import java.net.MalformedURLException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import javax.rmi.ssl.SslRMIClientSocketFactory;
import jdk.jfr.consumer.EventStream;
import jdk.management.jfr.RemoteRecordingStream;

/**
 * A JVM reached over JMX (-Dcom.sun.management.jmxremote.port=...): a {@link RemoteRecordingStream} starts a
 * recording there of just the events the live view reads and streams it here. Credentials and TLS are those
 * the JMX agent demands; the trust store comes from the usual javax.net.ssl system properties.
 */
final class JmxSource implements WatchSource {
    private final String address;
    private final JMXConnector connector;
    private final RemoteRecordingStream stream;
    private final AtomicBoolean closed = new AtomicBoolean();

    private JmxSource(String address, JMXConnector connector, RemoteRecordingStream stream) {
        this.address = address;
        this.connector = connector;
        this.stream = stream;
        stream.onClose(() -> closed.set(true));
    }

    /** @param credentials user and password, or null when the JMX agent does not authenticate */
    // Connecting to the JMX endpoint the user names, through its RMI registry, is what this does.
    @SuppressWarnings("BanJNDI")
    static JmxSource connect(String address, String[] credentials, boolean registryTls) {
        JMXServiceURL url;
        try {
            url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + address + "/jmxrmi");
        } catch (MalformedURLException e) {
            throw new CommandException("not a JMX address: " + address + " (HOST:PORT)", Main.EXIT_USAGE);
        }
        Map<String, Object> environment = new HashMap<>();
        if (credentials != null) {
            environment.put(JMXConnector.CREDENTIALS, credentials);
        }
        if (registryTls) {
            // The connector's own stub brings TLS if the server exports it so; the registry lookup must be told.
            environment.put("com.sun.jndi.rmi.factory.socket", new SslRMIClientSocketFactory());
        }
        JMXConnector connector;
        try {
            connector = JMXConnectorFactory.connect(url, environment);
        } catch (SecurityException e) {
            throw new CommandException("JMX at " + address + " refused the credentials: " + e.getMessage(), Main.EXIT_DATA);
        } catch (IOException e) {
            throw new CommandException("cannot connect to JMX at " + address + ": " + rootMessage(e), Main.EXIT_DATA);
        }
        try {
            RemoteRecordingStream stream = new RemoteRecordingStream(connector.getMBeanServerConnection());
            stream.setSettings(LiveAnalysis.settings());
            return new JmxSource(address, connector, stream);
        } catch (IOException | RuntimeException e) {
            closeQuietly(connector);
            throw new CommandException("JMX at " + address + " offers no JFR streaming (JDK 16 or later needed): "
                    + rootMessage(e), Main.EXIT_DATA);
        }
    }

    @Override
    public EventStream stream() {
        return stream;
    }

    @Override
    public String description() {
        return "JMX " + address;
    }

    @Override
    public boolean ended() {
        return closed.get();
    }

    @Override
    public void keep(Path out) {
        Output.replaceWhole(out, stream::dump);
    }

    @Override
    public void close() {
        stream.close();
        closeQuietly(connector);
    }

    private static void closeQuietly(JMXConnector connector) {
        try {
            connector.close();
        } catch (IOException ignored) {
            // the connection is gone either way
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
