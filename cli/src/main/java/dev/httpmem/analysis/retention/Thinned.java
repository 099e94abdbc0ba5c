package dev.httpmem.analysis.retention;

import java.util.ArrayList;
import java.util.List;

/**
 * A time series in bounded memory: past {@code capacity} items it keeps every other one and from then on takes
 * one in two (then four, ...), so a day-long recording with a GC a second still fits, evenly spaced.
 */
public final class Thinned<T> {
    private final int capacity;
    private final List<T> items = new ArrayList<>();
    private long stride = 1;
    private long offered;

    public Thinned(int capacity) {
        this.capacity = capacity;
    }

    public void add(T item) {
        if (offered++ % stride != 0) {
            return;
        }
        if (items.size() == capacity) {
            for (int i = 0; i < capacity / 2; i++) {
                items.set(i, items.get(2 * i));
            }
            items.subList(capacity / 2, capacity).clear();
            stride *= 2;
            if ((offered - 1) % stride != 0) {
                return;
            }
        }
        items.add(item);
    }

    public List<T> items() {
        return List.copyOf(items);
    }
}
