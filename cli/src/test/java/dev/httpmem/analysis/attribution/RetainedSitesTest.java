package dev.httpmem.analysis.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RetainedSitesTest {
    private static final Site KEEP = new Site("byte[]", List.of("org.example.Leak.keep(Leak.java:12)"));
    private static final RootPath STATIC_FIELD = new RootPath(
            "static org.example.Leak.RETAINED → java.util.ArrayList.elementData → java.lang.Object[] [3] → byte[]",
            "static org.example.Leak.RETAINED → java.util.ArrayList.elementData → java.lang.Object[] [] → byte[]", true);
    private static final RootPath COMPILER_HANDLE = new RootPath(
            "[Threads: Local JNI Handle (C2 CompilerThread0)] → java.util.ArrayList → java.util.ArrayList.elementData"
                    + " → java.lang.Object[] [7] → byte[]",
            "[Threads: Local JNI Handle (C2 CompilerThread0)] → java.util.ArrayList → java.util.ArrayList.elementData"
                    + " → java.lang.Object[] [] → byte[]", false);

    /**
     * A JIT compiler thread that held the leak's list by a local handle when the JDK searched roots made most samples
     * show that thread as their root: the site's path is still the static field that keeps them.
     */
    @Test
    void aLastingRootIsShownBeforeACommonerMomentaryOne() {
        RetainedSites sites = new RetainedSites("leaky.jfr");
        for (int i = 0; i < 3; i++) {
            sites.add(1, 100 + i, KEEP, -1, COMPILER_HANDLE);
        }
        sites.add(1, 110, KEEP, -1, STATIC_FIELD);

        RetainedSite site = sites.sitesAllocatedBetween(0, 1_000).get(0);

        assertEquals(4, site.samples());
        assertEquals(STATIC_FIELD.text(), site.rootPath());
        assertEquals(1, site.rootPathSamples());
    }

    @Test
    void theCommonestPathLeadsAmongLastingOnes() {
        RootPath otherStatic = new RootPath("static org.example.Cache.ENTRIES → byte[]",
                "static org.example.Cache.ENTRIES → byte[]", true);
        RetainedSites sites = new RetainedSites("leaky.jfr");
        sites.add(1, 100, KEEP, -1, otherStatic);
        sites.add(1, 101, KEEP, -1, STATIC_FIELD);
        sites.add(1, 102, KEEP, -1, STATIC_FIELD);

        RetainedSite site = sites.sitesAllocatedBetween(0, 1_000).get(0);

        assertEquals(STATIC_FIELD.text(), site.rootPath());
        assertEquals(2, site.rootPathSamples());
    }

    /** Of paths outside exchanges as many samples strong, one through a static field leads one from a thread. */
    @Test
    void ofPathsAsManySamplesStrongAStaticFieldsLeads() {
        Site map = new Site("java.lang.ThreadLocal$ThreadLocalMap", List.of("java.lang.ThreadLocal.createMap(ThreadLocal.java:299)"));
        RootPath threadLocals = new RootPath(
                "[Thread OopStorage: Global Object Handle] → java.lang.Thread.threadLocals → java.lang.ThreadLocal$ThreadLocalMap",
                "[Thread OopStorage: Global Object Handle] → java.lang.Thread.threadLocals → java.lang.ThreadLocal$ThreadLocalMap",
                true); // a root outside the "Threads" system, as JDK 25 records it
        RetainedSites sites = new RetainedSites("leaky.jfr");
        sites.add(1, 100, map, -1, threadLocals);
        sites.add(1, 101, map, -1, threadLocals);
        sites.add(1, 102, KEEP, -1, STATIC_FIELD);
        sites.add(1, 103, KEEP, -1, STATIC_FIELD);

        assertEquals(List.of(STATIC_FIELD.shape(), threadLocals.shape()),
                sites.pathsOutsideExchanges(1).stream().map(RetainedPath::shape).toList());
    }
}
