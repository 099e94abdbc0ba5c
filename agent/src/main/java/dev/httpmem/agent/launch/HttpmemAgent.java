package dev.httpmem.agent.launch;

import dev.httpmem.agent.runtime.AgentStatistics;
import dev.httpmem.agent.stacks.StackInstrumentation;
import dev.httpmem.agent.stacks.Stacks;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/** {@code -javaagent} and Attach API entry point. Never throws: a failing agent must leave the application running. */
public final class HttpmemAgent {
    private static boolean started;

    private HttpmemAgent() {}

    public static void premain(String arguments, Instrumentation instrumentation) {
        start(arguments, instrumentation);
    }

    public static void agentmain(String arguments, Instrumentation instrumentation) {
        start(arguments, instrumentation);
    }

    private static synchronized void start(String arguments, Instrumentation instrumentation) {
        if (started) {
            return;
        }
        started = true;
        try {
            AgentOptions options = AgentOptions.parse(arguments);
            List<StackInstrumentation> enabled = Stacks.all().stream()
                    .filter(stack -> options.stackEnabled(stack.name()))
                    .collect(Collectors.toList());
            // Before the logger: connecting it loads the runtime.
            String notOnBootstrap = enabled.stream().anyMatch(StackInstrumentation::needsBootstrapRuntime)
                    ? BootstrapRuntime.install(instrumentation) : null;
            Logger log = AgentLogging.start(options.log());
            options.warnings().forEach(log::warn);
            List<StackInstrumentation> stacks = new ArrayList<>();
            for (StackInstrumentation stack : enabled) {
                if (stack.needsBootstrapRuntime() && notOnBootstrap != null) {
                    log.warn("{}: the runtime could not go on the bootstrap class path ({}); {} is not instrumented",
                            stack.name(), notOnBootstrap, stack.name());
                } else {
                    stacks.add(stack);
                }
            }
            String stackNames = stacks.stream().map(StackInstrumentation::name).collect(Collectors.joining(","));
            String version = version();
            AgentStatistics.register(version, stackNames);
            Instrumenter.install(instrumentation, stacks);
            String recording = "";
            if (options.out() != null) {
                StartupRecording.start(options.out());
                recording = "; recording to " + options.out().toAbsolutePath();
            }
            log.info("agent {} started; stacks: {}{}", version, stackNames.isEmpty() ? "none" : stackNames, recording);
        } catch (Throwable error) {
            System.err.println("[httpmem] agent failed to start, the application continues without it: " + error);
        }
    }

    private static String version() {
        try (InputStream in = HttpmemAgent.class.getResourceAsStream("/dev/httpmem/agent/agent.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (Exception e) {
            return "unknown";
        }
    }
}
