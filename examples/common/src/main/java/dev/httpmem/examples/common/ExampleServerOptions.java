package dev.httpmem.examples.common;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Command line of every example server: {@code [--port N] [--tls-port N] [--scenario NAME [--leaky]]
 * [--idle-timeout MS]} and its stack's own options ({@link StackOption}), 0 for any free port. A server binds
 * 127.0.0.1 only and prints {@link #readyLine} once it accepts connections.
 */
public record ExampleServerOptions(int port, int tlsPort, Scenario scenario, boolean leaky, long idleTimeoutMillis,
                                   Map<String, String> stackOptions) {
    /** The stacks' usual default: idle connections close after 30 s. */
    public static final long DEFAULT_IDLE_TIMEOUT_MILLIS = 30_000;
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_TLS_PORT = 8443;

    public static final String READY = "httpmem-example ready";

    static final int EXIT_USAGE = 2;

    /**
     * An option only one stack's example takes, e.g. Netty's {@code --h2-api}: its name, the values it takes (the
     * first is the default) and what it does.
     */
    public record StackOption(String name, List<String> values, String description) {
        String defaultValue() {
            return values.get(0);
        }

        /** {@code --h2-api multiplex|classic} */
        String synopsis() {
            return name + " " + String.join("|", values);
        }
    }

    /** A command line the example does not take: what is wrong with it, in a few words. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The options an example's main was given. {@code --help} prints what it takes and exits 0; a command line it does
     * not take is one line on standard error and exit 2, not a stack trace that buries the reason.
     */
    public static ExampleServerOptions parseOrExit(String stack, String[] args, StackOption... stackOptions) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.println(usage(stack, stackOptions));
            System.exit(0);
        }
        try {
            return parse(args, stackOptions);
        } catch (UsageException e) {
            System.err.println(usageError(stack, e.getMessage()));
            System.exit(EXIT_USAGE);
            return null; // not reached: System.exit does not return
        }
    }

    static ExampleServerOptions parse(String[] args, StackOption... stackOptions) throws UsageException {
        int port = DEFAULT_PORT;
        int tlsPort = DEFAULT_TLS_PORT;
        Scenario scenario = Scenario.NONE;
        boolean leaky = false;
        long idleTimeout = DEFAULT_IDLE_TIMEOUT_MILLIS;
        Map<String, String> stackValues = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--leaky" -> leaky = true;
                case "--port" -> port = port(option, valueAt(args, ++i));
                case "--tls-port" -> tlsPort = port(option, valueAt(args, ++i));
                case "--idle-timeout" -> idleTimeout = milliseconds(option, valueAt(args, ++i));
                case "--scenario" -> scenario = scenario(valueAt(args, ++i));
                default -> {
                    StackOption stackOption = Arrays.stream(stackOptions).filter(o -> o.name().equals(option)).findFirst()
                            .orElseThrow(() -> new UsageException("unknown option " + option));
                    String value = valueAt(args, ++i);
                    if (!stackOption.values().contains(value)) {
                        throw new UsageException(option + " takes " + String.join(" or ", stackOption.values()) + ", not " + value);
                    }
                    stackValues.put(option, value);
                }
            }
        }
        return new ExampleServerOptions(port, tlsPort, scenario, leaky, idleTimeout, Map.copyOf(stackValues));
    }

    /** The value of one of the stack's own options, its default when not given. */
    public String value(StackOption option) {
        return stackOptions.getOrDefault(option.name(), option.defaultValue());
    }

    /** Whether the planted leak of {@code planted} is on. */
    public boolean leaks(Scenario planted) {
        return leaky && scenario == planted;
    }

    /** {@code httpmem-example ready stack=jetty http=8080 https=8443}: what launchers wait for and parse. */
    public static String readyLine(String stack, int port, int tlsPort) {
        return READY + " stack=" + stack + " http=" + port + " https=" + tlsPort;
    }

    /** The argument at {@code index}: the value of the option before it. */
    private static String valueAt(String[] args, int index) throws UsageException {
        if (index == args.length) {
            throw new UsageException(args[index - 1] + " needs a value");
        }
        return args[index];
    }

    private static int port(String option, String value) throws UsageException {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // told below, as a number out of range is
        }
        throw new UsageException(option + " takes a port number, 0 to 65535 (0: any free port), not " + value);
    }

    private static long milliseconds(String option, String value) throws UsageException {
        try {
            long milliseconds = Long.parseLong(value);
            if (milliseconds > 0) {
                return milliseconds;
            }
        } catch (NumberFormatException e) {
            // told below, as a number out of range is
        }
        throw new UsageException(option + " takes milliseconds, more than 0, not " + value);
    }

    private static Scenario scenario(String name) throws UsageException {
        try {
            return Scenario.parse(name);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--scenario: " + e.getMessage());
        }
    }

    /** The one line a command line the example does not take gets. */
    static String usageError(String stack, String problem) {
        return "httpmem's " + stack + " example: " + problem + " (--help lists the options)";
    }

    static String usage(String stack, StackOption... stackOptions) {
        StringBuilder usage = new StringBuilder("""
                Usage: java -jar %s [--port N] [--tls-port N] [--scenario NAME [--leaky]] [--idle-timeout MS]%s
                httpmem's %s example server, on 127.0.0.1 only.
                  --port N             HTTP/1.1 and h2c port (default: %d; 0: any free port)
                  --tls-port N         TLS port, h2 or HTTP/1.1 by ALPN (default: %d; 0: any free port)
                  --scenario NAME      plant one of the seeds' leaks, as its clean twin unless --leaky:
                                       %s
                  --leaky              the scenario's leaky mode
                  --idle-timeout MS    close connections idle for MS milliseconds (default: %d)
                """.formatted(jarName(),
                Arrays.stream(stackOptions).map(option -> " [" + option.synopsis() + "]").collect(Collectors.joining()),
                stack, DEFAULT_PORT, DEFAULT_TLS_PORT,
                String.join(", ", Scenario.names()), DEFAULT_IDLE_TIMEOUT_MILLIS));
        for (StackOption option : stackOptions) {
            usage.append("  ").append(option.synopsis()).append("  ").append(option.description())
                    .append(" (default: ").append(option.defaultValue()).append(")\n");
        }
        return usage.append("  -h, --help           print this and exit").toString();
    }

    /** The jar {@code java -jar} runs, by its file name; a generic name when run from a build's classes folder. */
    private static String jarName() {
        try {
            Path location = Paths.get(ExampleServerOptions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            String name = location.getFileName().toString();
            return name.endsWith(".jar") ? name : "JAR";
        } catch (URISyntaxException | RuntimeException e) {
            return "JAR";
        }
    }
}
