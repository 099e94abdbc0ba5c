package dev.httpmem.agent.runtime;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * HTTP servers whose classes the application loaded and httpmem does not instrument, as the agent's statistics
 * carry them: a recording without exchanges then says why.
 */
public final class ServersNotInstrumented {
    private static final Set<String> SEEN = new LinkedHashSet<>();

    private ServersNotInstrumented() {}

    /** Returns whether {@code server} is new. */
    public static synchronized boolean add(String server) {
        return SEEN.add(server);
    }

    /** The servers seen, each with what to do about it, separated by "; "; empty for none. */
    public static synchronized String list() {
        return String.join("; ", SEEN);
    }
}
