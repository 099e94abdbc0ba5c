package dev.httpmem.agent.stacks.helidon;

import dev.httpmem.agent.stacks.StackInstrumentation;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;

/**
 * Helidon 4 SE's web server (Níma), which runs every connection and every HTTP/2 stream on a virtual thread of its
 * own. An HTTP/1.1 exchange is one request routed on its connection's thread, keyed by its request line, numbered on
 * its connection; an HTTP/2 exchange is an {@code Http2ServerStream}, from its request HEADERS (or the h2c Upgrade's
 * request, which becomes stream 1) to the end of its thread's run, its handler's work included. Frames are counted
 * at the connection writer's one write of every frame, on the stream's thread. Helidon is compiled for Java 21: the
 * advice compiles against stand-ins for the members it calls (module stubs) and links against Helidon's own where
 * it is inlined.
 */
public final class HelidonInstrumentation implements StackInstrumentation {
    static final String STACK = "helidon";

    @Override
    public String name() {
        return STACK;
    }

    @Override
    public String presenceClass() {
        // Helidon 3 (on Netty) has it too, and is then an unsupported version.
        return "io.helidon.webserver.WebServer";
    }

    @Override
    public List<String> landmarkClasses() {
        // Every 4.x release (4.0 to 4.5) has them, and no earlier one: Helidon 3 served on Netty, and 4.0's
        // milestones lived in io.helidon.nima.
        return List.of("io.helidon.webserver.LoomServer", "io.helidon.webserver.http1.Http1Connection",
                "io.helidon.webserver.ConnectionHandler");
    }

    @Override
    public String supportedVersions() {
        return "Helidon 4.x SE web server (tested: 4.5.0; bindings checked against 4.2.0)";
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations() {
        return List.of(new Http1ConnectionInstrumentation(), new Http1ServerResponseInstrumentation(),
                new Http2ServerStreamInstrumentation(), new Http2ConnectionWriterInstrumentation(),
                new ConnectionHandlerInstrumentation(), new ErrorHandlersInstrumentation());
    }
}
