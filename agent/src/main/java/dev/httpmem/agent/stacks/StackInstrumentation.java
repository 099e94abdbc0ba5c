package dev.httpmem.agent.stacks;

import java.util.List;

/** Everything httpmem instruments in one HTTP stack, enabled only where the stack's landmark classes are. */
public interface StackInstrumentation {
    /** The name used in {@code stacks=} and in events, e.g. {@code jetty}. */
    String name();

    /** A class every version of the stack has: present without the landmarks, the version is unsupported. */
    String presenceClass();

    /** Classes whose presence marks a supported version. */
    List<String> landmarkClasses();

    /** The supported versions, for the log line that disables an unsupported one. */
    String supportedVersions();

    List<TypeInstrumentation> typeInstrumentations();

    /** The agent's classes its advice calls, defined in every class loader the stack is instrumented in. */
    default Helpers helpers() {
        return Helpers.NONE;
    }

    /**
     * Whether the stack is instrumented without being named in {@code stacks=}: not when instrumenting it costs
     * every JVM something (the bootstrap class path, which narrows class-data sharing and makes the JVM warn).
     */
    default boolean enabledByDefault() {
        return !needsBootstrapRuntime();
    }

    /**
     * Whether the stack lives in a JDK module, whose classes see only the bootstrap class path: its advice may call
     * nothing but the runtime and the JDK, and the runtime must be moved there.
     */
    default boolean needsBootstrapRuntime() {
        return false;
    }
}
