package dev.httpmem.analysis.attribution;

import java.util.List;

/**
 * Old-object samples (objects still live at the end of the recording) allocated at one site for exchanges of one
 * protocol, or outside every exchange ({@code protocol} null, where a report lists those too). {@code bytes} is
 * their size where the JDK records it (JDK 22 and later), else -1; {@code rootPath} is an example of the most
 * common reference chain from a GC root (counting chains that differ only in array slots as one), which
 * {@code rootPathSamples} of them share; chains from a static field or another root outside threads come before
 * those from a thread's stack or local handles, which may hold an object only for a moment.
 */
public record RetainedSite(
        String recording,
        String protocol,
        String objectClass,
        List<String> frames,
        long samples,
        long bytes,
        String rootPath,
        long rootPathSamples) {

    public RetainedSite {
        frames = List.copyOf(frames);
    }

    /** Class and top frames on one line, as the reports print sites. */
    public String site() {
        return frames.isEmpty() ? objectClass : objectClass + " at " + String.join(" < ", frames);
    }
}
