package dev.httpmem.analysis.model;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the HTML report's flame graphs draw of one recording, per protocol (by name): the whole stacks of the allocation
 * samples of its exchanges and of its connections' work outside them (in bytes), and of the old-object samples its
 * exchanges allocated (in samples). Collected only when a page is asked for ({@link Collected}).
 */
public record FlameStacks(Map<String, StackWeights> exchanges, Map<String, StackWeights> connections,
                          Map<String, StackWeights> live) {
    /** None collected. */
    public static final FlameStacks NONE = new FlameStacks(Map.of(), Map.of(), Map.of());

    /** Which samples' stacks an analysis collects. */
    public enum Collected {
        NONE, ALLOCATION, ALLOCATION_AND_LIVE
    }

    public FlameStacks {
        exchanges = Collections.unmodifiableSortedMap(new TreeMap<>(exchanges));
        connections = Collections.unmodifiableSortedMap(new TreeMap<>(connections));
        live = Collections.unmodifiableSortedMap(new TreeMap<>(live));
    }

    /** {@code protocol}'s exchanges' allocation; empty where none was sampled. */
    public StackWeights exchanges(String protocol) {
        return exchanges.getOrDefault(protocol, StackWeights.NONE);
    }
}
