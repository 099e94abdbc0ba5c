package dev.httpmem.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IdentityTableTest {
    @Test
    void behavesLikeAnIdentityMapUnderRandomPutsAndRemoves() {
        IdentityTable<Integer> table = new IdentityTable<>(4096);
        IdentityHashMap<Object, Integer> expected = new IdentityHashMap<>();
        List<Object> keys = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            keys.add(new Object());
        }
        Random random = new Random(42);
        for (int step = 0; step < 200_000; step++) {
            Object key = keys.get(random.nextInt(keys.size()));
            if (random.nextBoolean()) {
                assertTrue(table.put(key, step));
                expected.put(key, step);
            } else {
                assertEquals(expected.remove(key), table.remove(key));
            }
        }
        assertEquals(expected.size(), table.size());
        for (Object key : keys) {
            assertEquals(expected.get(key), table.get(key));
        }
    }

    @Test
    void refusesNewKeysWhenFullAndKeepsTheOthers() {
        IdentityTable<String> table = new IdentityTable<>(16);
        List<Object> added = new ArrayList<>();
        Object key = new Object();
        while (table.put(key, "v")) {
            added.add(key);
            key = new Object();
        }
        assertFalse(table.put(key, "v"));
        assertNull(table.get(key));
        assertEquals(added.size(), table.size());
        added.forEach(k -> assertSame("v", table.get(k)));
    }

    @Test
    void growsPastItsFirstSizeUpToItsBound() {
        IdentityTable<Object> table = new IdentityTable<>(1 << 12);
        List<Object> added = new ArrayList<>();
        Object key = new Object();
        while (table.put(key, key)) {
            added.add(key);
            key = new Object();
        }
        assertTrue(added.size() > 16 * 32, "grew past 16 stripes of 32 slots: " + added.size());
        assertTrue(added.size() < 1 << 12, "bounded: " + added.size());
        added.forEach(k -> assertSame(k, table.get(k)));
    }

    @Test
    void keysAreComparedByIdentity() {
        IdentityTable<String> table = new IdentityTable<>(64);
        String key = new String("same");
        table.put(key, "v");
        assertNull(table.get(new String("same")));
        assertSame("v", table.get(key));
    }

    @Test
    void weakenedKeysStillFindTheirValuesAndAreDroppedOnceCollected() throws InterruptedException {
        IdentityTable<String> table = new IdentityTable<>(1024);
        List<Object> kept = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Object key = new Object();
            table.put(key, "kept-" + i);
            kept.add(key);
        }
        for (int i = 0; i < 100; i++) {
            assertTrue(table.put(new Object(), "dropped"));
        }
        table.weaken(value -> true);
        for (int i = 0; i < 100; i++) {
            assertEquals("kept-" + i, table.get(kept.get(i)));
        }
        List<String> removed = new ArrayList<>();
        for (int attempt = 0; attempt < 10 && removed.size() < 100; attempt++) {
            System.gc();
            Thread.sleep(10);
            table.removeCollected(removed::add);
        }
        assertEquals(100, removed.size());
        assertTrue(removed.stream().allMatch("dropped"::equals));
        assertEquals(100, table.size());
        for (int i = 0; i < 100; i += 2) {
            assertEquals("kept-" + i, table.remove(kept.get(i)));
        }
        for (int i = 1; i < 100; i += 2) {
            assertEquals("kept-" + i, table.get(kept.get(i)), "found after backward shifts over weak keys");
        }
    }
}
