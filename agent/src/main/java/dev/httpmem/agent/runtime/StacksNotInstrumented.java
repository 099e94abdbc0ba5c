package dev.httpmem.agent.runtime;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * HTTP servers and clients whose classes the application loaded and httpmem does not instrument, as the agent's
 * statistics carry them (in the field named for servers, which came first): a recording without exchanges then says
 * why.
 */
public final class StacksNotInstrumented {
    private static final Set<String> SEEN = new LinkedHashSet<>();

    private StacksNotInstrumented() {}

    /** Returns whether {@code stack} is new. */
    public static synchronized boolean add(String stack) {
        return SEEN.add(stack);
    }

    /** The stacks seen, each with what to do about it, separated by "; "; empty for none. */
    public static synchronized String list() {
        return String.join("; ", SEEN);
    }
}
