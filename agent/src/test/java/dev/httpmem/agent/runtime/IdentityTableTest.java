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
        Map<Object, Integer> expected = new IdentityHashMap<>();
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
        Object key;
        while (table.put(key = new Object(), "v")) {
            added.add(key);
        }
        assertFalse(table.put(key, "v"));
        assertNull(table.get(key));
        assertEquals(added.size(), table.size());
        added.forEach(k -> assertSame("v", table.get(k)));
    }

    @Test
    void keysAreComparedByIdentity() {
        IdentityTable<String> table = new IdentityTable<>(64);
        String key = new String("same");
        table.put(key, "v");
        assertNull(table.get(new String("same")));
        assertSame("v", table.get(key));
    }
}
