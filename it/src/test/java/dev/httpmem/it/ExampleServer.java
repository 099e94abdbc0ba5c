package dev.httpmem.it;

import dev.httpmem.it.Clients.Protocol;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/** An example server the shared suite runs against: its stack's name in events, its jar, what it speaks. */
record ExampleServer(String stack, String example, Set<Protocol> protocols) {
    static final ExampleServer JETTY_12_1 = new ExampleServer("jetty", "jetty", EnumSet.allOf(Protocol.class));
    static final ExampleServer JETTY_12_0 = new ExampleServer("jetty", "jetty-12.0", EnumSet.allOf(Protocol.class));

    Path jar() {
        return Artifacts.exampleJar(example);
    }
}
