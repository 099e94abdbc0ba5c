package dev.httpmem.examples.common;

/**
 * Command line of every example server: {@code [--port N] [--tls-port N] [--scenario NAME [--leaky]]
 * [--idle-timeout MS]}, 0 for any free port. A server binds 127.0.0.1 only and prints {@link #readyLine} once it
 * accepts connections.
 */
public record ExampleServerOptions(int port, int tlsPort, Scenario scenario, boolean leaky, long idleTimeoutMillis) {
    /** The stacks' usual default: idle connections close after 30 s. */
    public static final long DEFAULT_IDLE_TIMEOUT_MILLIS = 30_000;

    public static final String READY = "httpmem-example ready";

    public static ExampleServerOptions parse(String[] args) {
        int port = 8080;
        int tlsPort = 8443;
        Scenario scenario = Scenario.NONE;
        boolean leaky = false;
        long idleTimeout = DEFAULT_IDLE_TIMEOUT_MILLIS;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--tls-port" -> tlsPort = Integer.parseInt(args[++i]);
                case "--scenario" -> scenario = Scenario.parse(args[++i]);
                case "--leaky" -> leaky = true;
                case "--idle-timeout" -> idleTimeout = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException(
                        "usage: [--port N] [--tls-port N] [--scenario NAME [--leaky]] [--idle-timeout MS] (unknown: " + args[i] + ")");
            }
        }
        return new ExampleServerOptions(port, tlsPort, scenario, leaky, idleTimeout);
    }

    /** Whether the planted leak of {@code planted} is on. */
    public boolean leaks(Scenario planted) {
        return leaky && scenario == planted;
    }

    /** {@code httpmem-example ready stack=jetty http=8080 https=8443}: what launchers wait for and parse. */
    public static String readyLine(String stack, int port, int tlsPort) {
        return READY + " stack=" + stack + " http=" + port + " https=" + tlsPort;
    }
}
