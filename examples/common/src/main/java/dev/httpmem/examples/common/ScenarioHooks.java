package dev.httpmem.examples.common;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The points where an example server plants the scenarios it runs, called from its stack's own hooks and
 * handlers: each does the same work in the leaky mode and its clean twin, and only the leaky mode keeps it.
 */
public final class ScenarioHooks {
    /** {@code GET /burst}: the burst scenario's one request path. */
    public static final String BURST_PATH = "/burst";

    private final Scenario scenario;
    private final boolean leaky;
    private final ConnectionStates connectionStates;
    private final DirectBuffers directBuffers;

    private ScenarioHooks(Scenario scenario, boolean leaky) {
        this.scenario = scenario;
        this.leaky = leaky;
        this.connectionStates = new ConnectionStates(leaky && scenario == Scenario.CONNECTION_LEAK);
        this.directBuffers = new DirectBuffers(leaky);
    }

    /**
     * The hooks of the scenario {@code options} name; a scenario {@code stack}'s example does not plant is one line on
     * standard error and exit 2, as any option the example does not take.
     */
    public static ScenarioHooks of(ExampleServerOptions options, String stack, Set<Scenario> planted) {
        try {
            return checked(options, planted);
        } catch (ExampleServerOptions.UsageException e) {
            System.err.println(ExampleServerOptions.usageError(stack, e.getMessage()));
            System.exit(ExampleServerOptions.EXIT_USAGE);
            return null; // not reached: System.exit does not return
        }
    }

    static ScenarioHooks checked(ExampleServerOptions options, Set<Scenario> planted) throws ExampleServerOptions.UsageException {
        Set<Scenario> supported = EnumSet.of(Scenario.NONE);
        supported.addAll(planted);
        if (!supported.contains(options.scenario())) {
            throw new ExampleServerOptions.UsageException("--scenario " + options.scenario().optionName()
                    + " is not planted here; this example plants " + planted.stream().map(Scenario::optionName).sorted()
                    .collect(Collectors.joining(", ")));
        }
        return new ScenarioHooks(options.scenario(), options.leaky());
    }

    /**
     * {@code body} is about to be written, in one piece, as an HTTP/2 response: h2-body-retention keeps a share of
     * it, h2-offheap-growth stages its start in a pooled direct buffer.
     */
    public void writingHttp2Body(byte[] body) {
        if (leaky && scenario == Scenario.H2_BODY_RETENTION) {
            BodyRetention.keep(body, 0, body.length);
        }
        if (scenario == Scenario.H2_OFFHEAP_GROWTH) {
            directBuffers.stage(body);
        }
    }

    /**
     * A stack hook sees a request's headers on {@code connection} (the stack's object for the connection): a
     * request carrying {@link ConnectionStates#FAIL_HEADER} ({@code failHeader}, null when absent) fails here,
     * its HTTP/2 connection filed as failed first (connection-leak).
     *
     * @throws PlantedFailure when {@code failHeader} is present
     */
    public void requestHeaders(Object connection, boolean http2, String failHeader) {
        if (failHeader == null) {
            return;
        }
        if (http2 && scenario == Scenario.CONNECTION_LEAK) {
            connectionStates.streamFailed(connection);
        }
        throw new PlantedFailure(ConnectionStates.FAIL_HEADER + ": " + failHeader);
    }

    /**
     * Whether failed connections are kept (connection-leak's leaky mode): a stack may also stop reading them, so
     * that they stay open after their client closes, as a server that pauses reading on an error and never
     * resumes does.
     */
    public boolean keepsFailedConnections() {
        return leaky && scenario == Scenario.CONNECTION_LEAK;
    }

    /** Serves {@link #BURST_PATH}: false when the server does not run the burst scenario (answer 404). */
    public boolean burst() {
        if (scenario != Scenario.BURST) {
            return false;
        }
        Burst.run(leaky);
        return true;
    }

    /** The failure a request asks for with {@link ConnectionStates#FAIL_HEADER}, thrown inside a stack hook. */
    public static final class PlantedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PlantedFailure(String message) {
            super("planted failure: " + message, null, false, false);
        }
    }
}
