package dev.httpmem.analysis.render.export;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A table of distinct values, each numbered by its place, as profile formats index their strings, functions and
 * locations: the first entry is the zero value the formats reserve index 0 for.
 */
final class Interned<T> {
    private final Map<T, Integer> indexes = new HashMap<>();
    private final List<T> values = new ArrayList<>();

    Interned(T zero) {
        index(zero);
    }

    int index(T value) {
        return indexes.computeIfAbsent(value, v -> {
            values.add(v);
            return values.size() - 1;
        });
    }

    /** The values, each at its index. */
    List<T> values() {
        return values;
    }
}
