package dev.httpmem.agent.stacks.grizzly;

import dev.httpmem.agent.stacks.Helpers;
import dev.httpmem.agent.stacks.Relocation;
import dev.httpmem.agent.stacks.StackInstrumentation;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import dev.httpmem.agent.stacks.grizzly.helpers.HttpmemGrizzlyHelpers;
import java.util.List;

/**
 * Grizzly 4 (GlassFish, Payara, Jersey's test container): every exchange, HTTP/1.1 request or HTTP/2 stream, is a
 * {@code Request} from its initialization to the probe that reports it complete (an HTTP/2 stream: to its last
 * frame). An HTTP/1.1 exchange is keyed by its {@code HttpContext}, which Grizzly makes anew for every exchange (its
 * {@code Request} and packets are pooled and recycled, so none of them can be a key); an HTTP/2 exchange by its
 * {@code Http2Stream}, which its last frames, written after the request was recycled, still name.
 */
public final class GrizzlyInstrumentation implements StackInstrumentation {
    static final String STACK = "grizzly";

    @Override
    public String name() {
        return STACK;
    }

    @Override
    public String presenceClass() {
        return "org.glassfish.grizzly.http.server.HttpServerFilter";
    }

    @Override
    public List<String> landmarkClasses() {
        // New in 4.0 (absent from 3.x and 2.4).
        return List.of("org.glassfish.grizzly.FileChunk");
    }

    @Override
    public String supportedVersions() {
        return "Grizzly 4.0, 4.1";
    }

    @Override
    public Helpers helpers() {
        // In grizzly-http, beside what the helpers read; no advice instruments it.
        return new Helpers(Relocation.NONE, "org.glassfish.grizzly.http.Protocol", List.of(HttpmemGrizzlyHelpers.class));
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations() {
        return List.of(new RequestInstrumentation(), new HttpServerProbeNotifierInstrumentation(),
                new HttpHandlerInstrumentation(), new HttpHandlerServiceTaskInstrumentation(),
                new HttpCodecFilterInstrumentation(), new Http2SessionOutputSinkInstrumentation(),
                new Http2StreamInstrumentation(), new NioConnectionInstrumentation(),
                new TcpTransportInstrumentation());
    }
}
