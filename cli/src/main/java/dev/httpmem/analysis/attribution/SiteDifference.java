package dev.httpmem.analysis.attribution;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One allocation site's sampled bytes per exchange in each compared protocol (by label, 0 where it never
 * allocated), and {@code spread}: the largest minus the smallest.
 */
public record SiteDifference(
        String objectClass,
        List<String> frames,
        Map<String, Double> bytesPerExchange,
        double spread) {

    public SiteDifference {
        frames = List.copyOf(frames);
        bytesPerExchange = Collections.unmodifiableMap(new LinkedHashMap<>(bytesPerExchange));
    }

    public String site() {
        return frames.isEmpty() ? objectClass : objectClass + " at " + String.join(" < ", frames);
    }
}
