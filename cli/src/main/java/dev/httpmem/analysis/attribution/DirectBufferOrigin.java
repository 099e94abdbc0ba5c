package dev.httpmem.analysis.attribution;

import java.util.List;

/** Who allocated the direct buffers a protocol's exchanges took, by the allocation samples under allocateDirect. */
public enum DirectBufferOrigin {
    /** No direct buffer allocation was sampled for the protocol's exchanges: its origin is unknown. */
    UNSAMPLED,
    /**
     * Only the JDK's per-thread cache of temporary direct buffers, which NIO fills as it writes heap buffers to
     * sockets: up to 16 buffers per thread, each as large as the largest write it copied, and then it stops. Its
     * growth follows the threads that first write, not the exchanges.
     */
    JDK_TEMPORARY_CACHE,
    /** The application, the stack or a library: a pool that may keep growing. */
    OTHER;

    private static final String TEMPORARY_CACHE_FRAME = "sun.nio.ch.Util.getTemporaryDirectBuffer";

    public static DirectBufferOrigin of(List<DirectBufferSite> sites) {
        if (sites.isEmpty()) {
            return UNSAMPLED;
        }
        boolean cacheOnly = sites.stream().allMatch(site -> site.frames().size() > 1
                && site.frames().get(1).startsWith(TEMPORARY_CACHE_FRAME + ":"));
        return cacheOnly ? JDK_TEMPORARY_CACHE : OTHER;
    }
}
