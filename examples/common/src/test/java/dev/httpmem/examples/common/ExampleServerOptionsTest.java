package dev.httpmem.examples.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpmem.examples.common.ExampleServerOptions.StackOption;
import dev.httpmem.examples.common.ExampleServerOptions.UsageException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExampleServerOptionsTest {
    private static final StackOption API = new StackOption("--api", List.of("one", "two"), "which API");

    @Test
    void defaultsAndGivenValues() throws Exception {
        ExampleServerOptions defaults = ExampleServerOptions.parse(new String[0], API);
        assertEquals(new ExampleServerOptions(8080, 8443, Scenario.NONE, false, 30_000, Map.of()), defaults);
        assertEquals("one", defaults.value(API));
        ExampleServerOptions given = ExampleServerOptions.parse(new String[] {"--port", "0", "--tls-port", "9443",
                "--scenario", "h2-body-retention", "--leaky", "--idle-timeout", "1000", "--api", "two"}, API);
        assertEquals(new ExampleServerOptions(0, 9443, Scenario.H2_BODY_RETENTION, true, 1000, Map.of("--api", "two")), given);
        assertEquals("two", given.value(API));
    }

    @Test
    void aScenarioTheExampleDoesNotPlantIsAUsageError() throws Exception {
        ExampleServerOptions wrapper = ExampleServerOptions.parse(new String[] {"--scenario", "h2-wrapper-retention"});
        assertEquals("--scenario h2-wrapper-retention is not planted here; this example plants burst, h2-body-retention",
                assertThrows(UsageException.class, () -> ScenarioHooks.checked(wrapper,
                        EnumSet.of(Scenario.H2_BODY_RETENTION, Scenario.BURST))).getMessage());
        ScenarioHooks.checked(ExampleServerOptions.parse(new String[0]), EnumSet.of(Scenario.BURST));
    }

    @Test
    void whatACommandLineItDoesNotTakeGets() {
        Map<List<String>, String> problems = Map.of(
                List.of("--bogus"), "unknown option --bogus",
                List.of("--h2-api", "classic"), "unknown option --h2-api",
                List.of("--port"), "--port needs a value",
                List.of("--port", "http"), "--port takes a port number, 0 to 65535 (0: any free port), not http",
                List.of("--tls-port", "70000"), "--tls-port takes a port number, 0 to 65535 (0: any free port), not 70000",
                List.of("--idle-timeout", "0"), "--idle-timeout takes milliseconds, more than 0, not 0",
                List.of("--scenario", "leak"), "--scenario: unknown scenario 'leak' (h2-body-retention, h2-wrapper-retention,"
                        + " h1-held-until-close, connection-leak, burst, h2-offheap-growth)",
                List.of("--api", "three"), "--api takes one or two, not three");
        problems.forEach((args, problem) -> assertEquals(problem, assertThrows(UsageException.class,
                () -> ExampleServerOptions.parse(args.toArray(String[]::new), API), args::toString).getMessage()));
        assertEquals("httpmem's jetty example: unknown option --bogus (--help lists the options)",
                ExampleServerOptions.usageError("jetty", "unknown option --bogus"));
    }

    @Test
    void usageNamesEveryOption() {
        String usage = ExampleServerOptions.usage("netty", API);
        assertTrue(usage.startsWith("Usage: java -jar JAR [--port N] [--tls-port N] [--scenario NAME [--leaky]]"
                + " [--idle-timeout MS] [--api one|two]\nhttpmem's netty example server, on 127.0.0.1 only.\n"), usage);
        for (String option : List.of("--port N ", "--tls-port N ", "--scenario NAME ", "--leaky ", "--idle-timeout MS ",
                "--api one|two  which API (default: one)", "-h, --help ")) {
            assertTrue(usage.contains("\n  " + option), option + "\n" + usage);
        }
        assertTrue(usage.contains(" " + String.join(", ", Scenario.names()) + "\n"), usage);
    }
}
