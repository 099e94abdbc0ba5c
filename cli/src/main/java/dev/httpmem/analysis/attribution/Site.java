package dev.httpmem.analysis.attribution;

import java.util.List;

/** Where an allocation happened: the allocated class and the top frames, innermost first. */
public record Site(String objectClass, List<String> frames) {

    public Site {
        frames = List.copyOf(frames);
    }
}
