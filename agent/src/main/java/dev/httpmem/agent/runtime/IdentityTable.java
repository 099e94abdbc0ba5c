package dev.httpmem.agent.runtime;

import java.lang.ref.WeakReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * An identity map of bounded capacity that allocates nothing (but a weak key) unless it grows, so the agent can
 * key its state by the stack's own objects (a stream, a connection) on every request for free. It starts small and
 * doubles as it fills: a table sized for the most it may hold would spread a few entries over a megabyte, and every
 * lookup would miss the CPU's caches. Keys are held
 * strongly, and callers remove them when the exchange ends; a key left for long can be weakened, and a key that
 * lives long by nature (a connection) is weak from the start, so that a stack that drops an object without
 * telling cannot have the agent keep it alive.
 */
final class IdentityTable<V> {
    private static final int STRIPE_BITS = 4;
    private static final int INITIAL_STRIPE_CAPACITY = 32;

    private final Stripe<V>[] stripes;

    @SuppressWarnings({"unchecked", "rawtypes"}) // no generic array creation in Java
    IdentityTable(int capacity) {
        int perStripe = Integer.highestOneBit(Math.max(16, capacity >> STRIPE_BITS) * 2 - 1);
        stripes = new Stripe[1 << STRIPE_BITS];
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Stripe<>(Math.min(INITIAL_STRIPE_CAPACITY, perStripe), perStripe);
        }
    }

    V get(Object key) {
        int hash = hash(key);
        return stripes[hash & (stripes.length - 1)].get(key, hash >>> STRIPE_BITS);
    }

    /** Returns false when the table is full and the key was not added. */
    boolean put(Object key, V value) {
        int hash = hash(key);
        return stripes[hash & (stripes.length - 1)].put(key, value, hash >>> STRIPE_BITS);
    }

    /**
     * Maps {@code key}, held weakly, to {@code value} unless it is mapped already.
     *
     * @return the value {@code key} maps to now, or null when the table is full and the key was not added
     */
    V putWeakIfAbsent(Object key, V value) {
        int hash = hash(key);
        return stripes[hash & (stripes.length - 1)].putWeakIfAbsent(key, value, hash >>> STRIPE_BITS);
    }

    V remove(Object key) {
        int hash = hash(key);
        return stripes[hash & (stripes.length - 1)].remove(key, null, hash >>> STRIPE_BITS);
    }

    /** Removes {@code key} only while it maps to {@code expected}. */
    boolean remove(Object key, V expected) {
        int hash = hash(key);
        return stripes[hash & (stripes.length - 1)].remove(key, expected, hash >>> STRIPE_BITS) != null;
    }

    int size() {
        int size = 0;
        for (Stripe<V> stripe : stripes) {
            size += stripe.size();
        }
        return size;
    }

    /** Visits every entry; a weakened key is passed as its referent (null once collected). */
    void forEach(BiConsumer<Object, V> action) {
        for (Stripe<V> stripe : stripes) {
            stripe.forEach(action);
        }
    }

    /** Holds the keys of the values {@code which} selects weakly from now on. */
    void weaken(Predicate<V> which) {
        for (Stripe<V> stripe : stripes) {
            stripe.weaken(which);
        }
    }

    /** Removes the entries whose weakened key was collected and hands their values to {@code removed}. */
    void removeCollected(Consumer<V> removed) {
        for (Stripe<V> stripe : stripes) {
            stripe.removeCollected(removed);
        }
    }

    private static int hash(Object key) {
        int h = System.identityHashCode(key);
        return h ^ (h >>> 16);
    }

    private static Object referent(Object storedKey) {
        return storedKey instanceof WeakKey weak ? weak.get() : storedKey;
    }

    private static int storedHash(Object storedKey) {
        return storedKey instanceof WeakKey weak ? weak.hash : hash(storedKey);
    }

    /** A key held weakly, with the hash of the object it stands for. */
    private static final class WeakKey extends WeakReference<Object> {
        final int hash;

        WeakKey(Object key) {
            super(key);
            hash = hash(key);
        }
    }

    /** Linear probing with backward-shift deletion, so removals leave no tombstones behind. */
    private static final class Stripe<V> {
        private final int maxCapacity;
        private Object[] keys;
        private Object[] values;
        private int mask;
        private int limit;
        private int size;

        Stripe(int capacity, int maxCapacity) {
            this.maxCapacity = maxCapacity;
            allocate(capacity);
        }

        private void allocate(int capacity) {
            keys = new Object[capacity];
            values = new Object[capacity];
            mask = capacity - 1;
            limit = capacity - (capacity >> 2);
        }

        /** @return false when the stripe is as large as it may be */
        private boolean grow() {
            if (keys.length == maxCapacity) {
                return false;
            }
            Object[] oldKeys = keys;
            Object[] oldValues = values;
            allocate(keys.length * 2);
            for (int i = 0; i < oldKeys.length; i++) {
                Object key = oldKeys[i];
                if (key != null) {
                    int j = storedHash(key) >>> STRIPE_BITS & mask;
                    while (keys[j] != null) {
                        j = (j + 1) & mask;
                    }
                    keys[j] = key;
                    values[j] = oldValues[i];
                }
            }
            return true;
        }

        /** The slot holding {@code key}, or the empty slot where it would go. */
        private int slot(Object key, int hash) {
            int i = hash & mask;
            while (keys[i] != null && keys[i] != key && !(keys[i] instanceof WeakKey weak && weak.get() == key)) {
                i = (i + 1) & mask;
            }
            return i;
        }

        @SuppressWarnings("unchecked")
        synchronized V get(Object key, int hash) {
            return (V) values[slot(key, hash)];
        }

        synchronized boolean put(Object key, V value, int hash) {
            int i = slot(key, hash);
            if (keys[i] == null) {
                if (size >= limit) {
                    if (!grow()) {
                        return false;
                    }
                    i = slot(key, hash);
                }
                keys[i] = key;
                size++;
            }
            values[i] = value;
            return true;
        }

        @SuppressWarnings("unchecked")
        synchronized V putWeakIfAbsent(Object key, V value, int hash) {
            int i = slot(key, hash);
            if (keys[i] != null) {
                return (V) values[i];
            }
            if (size >= limit) {
                if (!grow()) {
                    return null;
                }
                i = slot(key, hash);
            }
            keys[i] = new WeakKey(key);
            values[i] = value;
            size++;
            return value;
        }

        /** @param expected the value {@code key} must map to, or null for any */
        synchronized V remove(Object key, V expected, int hash) {
            int i = slot(key, hash);
            if (keys[i] == null || (expected != null && values[i] != expected)) {
                return null;
            }
            return removeAt(i);
        }

        @SuppressWarnings("unchecked")
        private V removeAt(int i) {
            V removed = (V) values[i];
            size--;
            for (int gap = i, j = (i + 1) & mask; ; j = (j + 1) & mask) {
                Object moving = keys[j];
                if (moving == null) {
                    keys[gap] = null;
                    values[gap] = null;
                    return removed;
                }
                int home = (storedHash(moving) >>> STRIPE_BITS) & mask;
                boolean reachableFromGap = gap <= j ? (home <= gap || home > j) : (home <= gap && home > j);
                if (reachableFromGap) {
                    keys[gap] = moving;
                    values[gap] = values[j];
                    gap = j;
                }
            }
        }

        synchronized int size() {
            return size;
        }

        @SuppressWarnings("unchecked")
        synchronized void forEach(BiConsumer<Object, V> action) {
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] != null) {
                    action.accept(referent(keys[i]), (V) values[i]);
                }
            }
        }

        @SuppressWarnings("unchecked")
        synchronized void weaken(Predicate<V> which) {
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] != null && !(keys[i] instanceof WeakKey) && which.test((V) values[i])) {
                    keys[i] = new WeakKey(keys[i]);
                }
            }
        }

        synchronized void removeCollected(Consumer<V> removed) {
            for (int i = 0; i < keys.length; ) {
                if (keys[i] instanceof WeakKey weak && weak.get() == null) {
                    // Backward shifting may move a later entry into slot i: look at it again.
                    removed.accept(removeAt(i));
                } else {
                    i++;
                }
            }
        }
    }
}
