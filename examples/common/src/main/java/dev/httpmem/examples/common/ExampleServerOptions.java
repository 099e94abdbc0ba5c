package dev.httpmem.examples.common;

/**
 * Command line of every example server: {@code [--port N] [--tls-port N]}, 0 for any free port. A server binds
 * 127.0.0.1 only and prints {@link #readyLine} once it accepts connections.
 */
public record ExampleServerOptions(int port, int tlsPort) {
    public static final String READY = "httpmem-example ready";

    public static ExampleServerOptions parse(String[] args) {
        int port = 8080;
        int tlsPort = 8443;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--tls-port" -> tlsPort = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("usage: [--port N] [--tls-port N] (unknown: " + args[i] + ")");
            }
        }
        return new ExampleServerOptions(port, tlsPort);
    }

    /** {@code httpmem-example ready stack=jetty http=8080 https=8443}: what launchers wait for and parse. */
    public static String readyLine(String stack, int port, int tlsPort) {
        return READY + " stack=" + stack + " http=" + port + " https=" + tlsPort;
    }
}
