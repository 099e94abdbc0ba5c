package dev.httpmem.analysis.attribution;

import java.util.List;

/**
 * Where exchanges of one protocol allocated NIO direct buffers (the heap objects that own direct memory), by the
 * allocation samples: the site to look at when direct memory grows per exchange.
 */
public record DirectBufferSite(String recording, String protocol, String objectClass, List<String> frames) {
    public DirectBufferSite {
        frames = List.copyOf(frames);
    }

    /** Class and top frames on one line, as the reports print sites. */
    public String site() {
        return frames.isEmpty() ? objectClass : objectClass + " at " + String.join(" < ", frames);
    }
}
