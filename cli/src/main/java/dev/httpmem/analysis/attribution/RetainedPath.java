package dev.httpmem.analysis.attribution;

import java.util.List;

/**
 * Old-object samples still live at the end that were allocated outside every exchange and share one reference
 * chain from a GC root, counting chains that differ only in array slots as one: {@code rootPath} is an example of
 * it. {@code bytes} is their size where the JDK records it (JDK 22 and later), else -1; {@code sites} where they
 * were allocated, most samples first.
 */
public record RetainedPath(String recording, String rootPath, String shape, long samples, long bytes,
                           List<RetainedSite> sites) {

    public RetainedPath {
        sites = List.copyOf(sites);
    }
}
