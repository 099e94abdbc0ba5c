package dev.httpmem.it;

import dev.httpmem.it.Clients.Protocol;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/** An example server the shared suite runs against: its stack's name in events, its jar, what it speaks. */
record ExampleServer(String stack, String example, Set<Protocol> protocols) {
    static final ExampleServer JETTY_12_1 = new ExampleServer("jetty", "jetty", EnumSet.allOf(Protocol.class));
    static final ExampleServer JETTY_12_0 = new ExampleServer("jetty", "jetty-12.0", EnumSet.allOf(Protocol.class));
    static final ExampleServer TOMCAT_11 = new ExampleServer("tomcat", "tomcat", EnumSet.allOf(Protocol.class));
    static final ExampleServer TOMCAT_10_1 = new ExampleServer("tomcat", "tomcat-10.1", EnumSet.allOf(Protocol.class));
    /** The JDK's own server speaks HTTP/1.1 only. */
    static final ExampleServer JDK_HTTP = new ExampleServer("jdkhttp", "jdkhttp", EnumSet.of(Protocol.HTTP_1_1));

    Path jar() {
        return Artifacts.exampleJar(example);
    }
}
