package dev.httpmem.agent.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AgentOptionsTest {
    @Test
    void noArgumentsMeansDefaults() {
        AgentOptions options = AgentOptions.parse(null);
        assertNull(options.out());
        assertTrue(options.stackEnabled("jetty"));
        assertEquals(AgentOptions.LogLevel.INFO, options.log());
        assertEquals(List.of(), options.warnings());
    }

    @Test
    void stacksTakeACommaSeparatedListAmongOtherOptions() {
        AgentOptions options = AgentOptions.parse("out=/tmp/r.jfr,stacks=Jetty,netty,log=debug");
        assertEquals(Paths.get("/tmp/r.jfr"), options.out());
        assertEquals(Set.of("jetty", "netty"), options.stacks());
        assertFalse(options.stackEnabled("tomcat"));
        assertEquals(AgentOptions.LogLevel.DEBUG, options.log());
        assertEquals(List.of(), options.warnings());
    }

    @Test
    void badOptionsAreSkippedWithOneWarningEach() {
        AgentOptions options = AgentOptions.parse("color=blue,out=,log=loud,verbose,out=r.jfr");
        assertEquals(Paths.get("r.jfr"), options.out());
        assertEquals(AgentOptions.LogLevel.INFO, options.log());
        assertEquals(4, options.warnings().size(), options.warnings().toString());
        assertTrue(options.warnings().get(0).contains("unknown option 'color'"));
    }
}
