package dev.httpmem.agent.runtime;

import java.util.function.Consumer;

/** The runtime's view of the agent log; the launcher plugs in the real logger so the runtime stays free of it. */
public final class AgentLog {
    private static volatile Consumer<String> info = message -> {};
    private static volatile Consumer<String> debug = message -> {};

    private AgentLog() {}

    public static void connect(Consumer<String> infoSink, Consumer<String> debugSink) {
        info = infoSink;
        debug = debugSink;
    }

    public static void info(String message) {
        info.accept(message);
    }

    public static void debug(String message) {
        debug.accept(message);
    }
}
