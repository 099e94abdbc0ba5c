package dev.httpmem.examples.common;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The h2-wrapper-retention leak: response wrappers registered for the duration of a response, as a push handler
 * might. The leaky mode never unregisters them, so each keeps its request and response reachable.
 */
public final class WrapperRegistry {
    private static final Set<Object> REGISTERED = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    private WrapperRegistry() {}

    public static void register(Object wrapper) {
        REGISTERED.add(wrapper);
    }

    public static void unregister(Object wrapper) {
        REGISTERED.remove(wrapper);
    }
}
