package dev.httpmem.agent.launch;

import dev.httpmem.agent.runtime.AgentStatistics;
import dev.httpmem.agent.runtime.AllocationTotals;
import dev.httpmem.agent.runtime.GcForcer;
import dev.httpmem.agent.runtime.HeapCheckpoints;
import dev.httpmem.agent.runtime.RetentionTracker;
import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.StackInstrumentation;
import dev.httpmem.agent.stacks.Stacks;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * {@code -javaagent} and Attach API entry point. The first call installs the instrumentation (Byte Buddy
 * retransforms the stack classes already loaded); every call then starts or stops a recording as its options
 * say. Instrumentation stays installed once it is: with no recording enabling httpmem's events the advice
 * still meters slices but emits nothing. Never throws: a failing agent must leave the application running.
 */
public final class HttpmemAgent {
    private static Logger log;
    private static String version;
    private static String stackNames;
    /** The stacks the first start enabled, as {@code stacks=} names them: a later attach naming others is told. */
    private static Set<String> installedAt;
    /** Why the first start could not instrument; later attaches report it rather than retry halfway. */
    private static Throwable installFailure;

    private HttpmemAgent() {}

    public static void premain(String arguments, Instrumentation instrumentation) {
        run(arguments, instrumentation);
    }

    public static void agentmain(String arguments, Instrumentation instrumentation) {
        run(arguments, instrumentation);
    }

    private static synchronized void run(String arguments, Instrumentation instrumentation) {
        AgentOptions options = null;
        AttachStatus status;
        try {
            options = AgentOptions.parse(arguments);
            status = act(options, instrumentation);
        } catch (Throwable error) {
            status = new AttachStatus(AttachStatus.State.FAILED,
                    "agent failed, the application continues without it: " + error);
            System.err.println("[httpmem] " + status.message());
        }
        if (options != null) {
            status.writeTo(options.status());
        }
    }

    @SuppressWarnings("StaticAssignmentOfThrowable") // the first install's failure, told to every later attach
    private static AttachStatus act(AgentOptions options, Instrumentation instrumentation) throws Exception {
        if (ModuleLayer.boot().findModule("jdk.jfr").isEmpty()) {
            return new AttachStatus(AttachStatus.State.FAILED,
                    "this JVM has no JFR: module jdk.jfr is missing from its runtime or not resolved (--add-modules jdk.jfr)");
        }
        if (log == null) {
            List<StackInstrumentation> enabled = Stacks.all().stream()
                    .filter(options::stackEnabled)
                    .collect(Collectors.toList());
            installedAt = enabled.stream().map(StackInstrumentation::name).collect(Collectors.toUnmodifiableSet());
            // Before the logger: connecting it loads the runtime.
            String notOnBootstrap = enabled.stream().anyMatch(StackInstrumentation::needsBootstrapRuntime)
                    ? BootstrapRuntime.install(instrumentation) : null;
            log = AgentLogging.start(options.log());
            options.warnings().forEach(log::warn);
            try {
                install(options, instrumentation, usable(enabled, notOnBootstrap));
            } catch (Throwable error) {
                installFailure = error;
                throw error;
            }
        } else if (installFailure != null) {
            return new AttachStatus(AttachStatus.State.FAILED, "the agent could not instrument this JVM: " + installFailure);
        } else {
            options.warnings().forEach(log::warn);
        }
        Optional<String> stacksNote = stacksNotApplied(options);
        AttachStatus status;
        if (options.stop()) {
            status = AgentRecordings.stop(options.recording(), options.out());
        } else if (options.out() != null) {
            status = AgentRecordings.start(options.recording(), options.out(), options.duration());
        } else {
            return new AttachStatus(AttachStatus.State.INSTALLED,
                    "agent " + version + " on stacks " + (stackNames.isEmpty() ? "none" : stackNames));
        }
        if (stacksNote.isPresent()) {
            log.warn(stacksNote.get());
            status = new AttachStatus(status.state(), status.message() + "; " + stacksNote.get());
        }
        log.info(status.message());
        return status;
    }

    /**
     * What an attach after the first says of {@code stacks=} naming other stacks than the first one instrumented:
     * instrumentation is installed once, as taking advice out of a running server's classes again is a risk to it
     * httpmem does not take. Empty when there is nothing to say.
     */
    private static Optional<String> stacksNotApplied(AgentOptions options) {
        if (options.stacks() == null || installedAt == null || options.stacks().equals(installedAt)) {
            return Optional.empty();
        }
        return Optional.of("stacks=" + String.join(",", options.stacks()) + " not applied: this JVM has instrumented "
                + (stackNames.isEmpty() ? "no stack" : stackNames) + " since the agent's first start, and"
                + " instrumentation is set up once; restart the JVM to instrument other stacks");
    }

    /** The enabled stacks, less those that need the runtime on the bootstrap class path when it could not go there. */
    private static List<StackInstrumentation> usable(List<StackInstrumentation> enabled, String notOnBootstrap) {
        List<StackInstrumentation> stacks = new ArrayList<>();
        for (StackInstrumentation stack : enabled) {
            if (stack.needsBootstrapRuntime() && notOnBootstrap != null) {
                log.warn("{}: the runtime could not go on the bootstrap class path ({}); {} is not instrumented",
                        stack.name(), notOnBootstrap, stack.name());
            } else {
                stacks.add(stack);
            }
        }
        return stacks;
    }

    private static void install(AgentOptions options, Instrumentation instrumentation, List<StackInstrumentation> stacks)
            throws Exception {
        stackNames = stacks.stream().map(StackInstrumentation::name).distinct().collect(Collectors.joining(","));
        version = version();
        AgentStatistics.register(version, stackNames);
        AllocationTotals.register();
        RetentionTracker.sampling(options.trackOneIn());
        Slices.everySlice(options.detail() == AgentOptions.Detail.ALL);
        HeapCheckpoints.start();
        GcForcer.start(options.gcEvery());
        Instrumenter.install(instrumentation, stacks);
        String gcEvery = options.gcEvery() > 0 ? "; full GC every " + options.gcEvery() + " exchanges" : "";
        log.info("agent {} started; stacks: {}{}", version, stackNames.isEmpty() ? "none" : stackNames, gcEvery);
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
