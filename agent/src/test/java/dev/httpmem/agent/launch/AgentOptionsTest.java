package dev.httpmem.agent.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpmem.agent.stacks.StackInstrumentation;
import dev.httpmem.agent.stacks.Stacks;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AgentOptionsTest {
    @Test
    void noArgumentsMeansDefaults() {
        AgentOptions options = AgentOptions.parse(null);
        assertNull(options.out());
        assertTrue(options.stackEnabled(stack("jetty")));
        assertFalse(options.stackEnabled(stack("jdkhttp")), "the bootstrap class path only when asked for");
        assertFalse(options.stackEnabled(stack("jdkclient")), "the bootstrap class path only when asked for");
        assertEquals(AgentOptions.LogLevel.INFO, options.log());
        assertEquals(AgentOptions.Detail.EXCHANGES, options.detail());
        assertEquals(List.of(), options.warnings());
    }

    @Test
    void detailAllMeasuresEverySlice() {
        assertEquals(AgentOptions.Detail.ALL, AgentOptions.parse("detail=all").detail());
        AgentOptions bad = AgentOptions.parse("detail=frames");
        assertEquals(AgentOptions.Detail.EXCHANGES, bad.detail());
        assertEquals(List.of("ignoring detail=frames (detail=exchanges|all)"), bad.warnings());
    }

    @Test
    void stacksTakeACommaSeparatedListAmongOtherOptions() {
        AgentOptions options = AgentOptions.parse("out=/tmp/r.jfr,stacks=Jetty,netty,log=debug");
        assertEquals(Paths.get("/tmp/r.jfr"), options.out());
        assertEquals(Set.of("jetty", "netty"), options.stacks());
        assertFalse(options.stackEnabled(stack("tomcat")));
        assertTrue(AgentOptions.parse("stacks=jdkhttp").stackEnabled(stack("jdkhttp")));
        assertEquals(AgentOptions.LogLevel.DEBUG, options.log());
        assertEquals(List.of(), options.warnings());
    }

    @Test
    void anUnknownStackIsWarnedOfWithTheKnownOnes() {
        AgentOptions some = AgentOptions.parse("stacks=netty,bogus");
        assertEquals(Set.of("netty"), some.stacks());
        assertEquals(List.of("ignoring unknown stack 'bogus' in stacks= (known: jetty, netty, tomcat, undertow, grizzly, grpc, helidon, jdkhttp, jdkclient, jettyclient, okhttp, servlet)"), some.warnings());
        AgentOptions none = AgentOptions.parse("stacks=nope");
        assertNull(none.stacks(), "no known name: the default stacks, not none");
        assertTrue(none.stackEnabled(stack("jetty")));
        assertEquals(List.of("ignoring stacks=nope: no stack httpmem knows (known: jetty, netty, tomcat, undertow, grizzly, grpc, helidon, jdkhttp, jdkclient, jettyclient, okhttp, servlet);"
                + " instrumenting the stacks it instruments by default"), none.warnings());
        assertTrue(AgentOptions.USAGE.contains("stacks=jetty|netty|tomcat|undertow|grizzly|grpc|helidon|jdkhttp|jdkclient|jettyclient|okhttp|servlet[,...]"), AgentOptions.USAGE);
    }

    @Test
    void gcEveryTakesAWholeNumberOfExchanges() {
        assertEquals(500, AgentOptions.parse("gc-every=500").gcEvery());
        for (String bad : new String[] {"-3", "x", "1e3", "99999999999999999999"}) {
            AgentOptions options = AgentOptions.parse("gc-every=" + bad);
            assertEquals(0, options.gcEvery(), bad);
            assertEquals(List.of("ignoring gc-every=" + bad + " (gc-every=N: a full GC every N exchanges, N >= 0; 0 forces none)"),
                    options.warnings(), bad);
        }
    }

    @Test
    void attachOptionsNameTheRecordingItsDurationAndTheStatusFile() {
        AgentOptions options = AgentOptions.parse("out=/tmp/r.jfr,duration=90s,recording=httpmem-watch-7,status=/tmp/s");
        assertEquals(java.time.Duration.ofSeconds(90), options.duration());
        assertEquals("httpmem-watch-7", options.recording());
        assertEquals(Paths.get("/tmp/s"), options.status());
        assertFalse(options.stop());
        assertEquals(AgentOptions.DEFAULT_RECORDING, AgentOptions.parse(null).recording());
    }

    @Test
    void stopIsAFlagEvenAfterTheStacksList() {
        AgentOptions options = AgentOptions.parse("stacks=jetty,stop");
        assertTrue(options.stop());
        assertEquals(Set.of("jetty"), options.stacks());
        assertEquals(List.of(), options.warnings());
    }

    @Test
    void aDurationNeedsAPositiveAmountAndAUnit() {
        for (String bad : new String[] {"90", "0s", "1.5m", "-1s", "3d"}) {
            AgentOptions options = AgentOptions.parse("duration=" + bad);
            assertNull(options.duration(), bad);
            assertEquals(1, options.warnings().size(), bad);
        }
        assertEquals(java.time.Duration.ofMillis(250), AgentOptions.parse("duration=250ms").duration());
        assertEquals(java.time.Duration.ofHours(2), AgentOptions.parse("duration=2h").duration());
    }

    @Test
    void badOptionsAreSkippedWithOneWarningEach() {
        AgentOptions options = AgentOptions.parse("color=blue,out=,log=loud,verbose,out=r.jfr");
        assertEquals(Paths.get("r.jfr"), options.out());
        assertEquals(AgentOptions.LogLevel.INFO, options.log());
        assertEquals(4, options.warnings().size(), options.warnings().toString());
        assertTrue(options.warnings().get(0).contains("unknown option 'color'"));
    }

    private static StackInstrumentation stack(String name) {
        return Stacks.all().stream().filter(stack -> stack.name().equals(name)).findFirst().orElseThrow();
    }
}
