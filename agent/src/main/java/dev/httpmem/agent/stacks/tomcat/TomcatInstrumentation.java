package dev.httpmem.agent.stacks.tomcat;

import dev.httpmem.agent.stacks.Helpers;
import dev.httpmem.agent.stacks.Relocation;
import dev.httpmem.agent.stacks.StackInstrumentation;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import dev.httpmem.agent.stacks.tomcat.helpers.HttpmemTomcatHelpers;
import java.util.List;

/**
 * Tomcat 10.1 and 11 (embedded or not). An HTTP/1.1 exchange is a coyote {@code Request} from its parsed headers
 * to its recycling; an HTTP/2 exchange is a {@code Stream} from its processor's creation to its recycling, reset
 * or connection close.
 */
public final class TomcatInstrumentation implements StackInstrumentation {
    static final String STACK = "tomcat";

    @Override
    public String name() {
        return STACK;
    }

    @Override
    public String presenceClass() {
        return "org.apache.coyote.AbstractProcessor";
    }

    @Override
    public List<String> landmarkClasses() {
        // Servlet 6 (Tomcat 10.1+) and Tomcat's asynchronous HTTP/2 handler.
        return List.of("jakarta.servlet.ServletConnection", "org.apache.coyote.http2.Http2AsyncUpgradeHandler");
    }

    @Override
    public String supportedVersions() {
        return "Tomcat 10.1, 11";
    }

    @Override
    public Helpers helpers() {
        // Beside what the helpers read; no advice instruments it.
        return new Helpers(Relocation.NONE, "org.apache.tomcat.util.http.MimeHeaders", List.of(HttpmemTomcatHelpers.class));
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations() {
        return List.of(new Http11ProcessorInstrumentation(), new CoyoteAdapterInstrumentation(),
                new Http11OutputBufferInstrumentation(), new CoyoteRequestInstrumentation(),
                new SocketWrapperBaseInstrumentation(), new SocketChannelInstrumentation(), new StreamProcessorInstrumentation(),
                new Http2UpgradeHandlerInstrumentation(), new HpackEncoderInstrumentation(),
                new Http2StreamInstrumentation(), new SocketProcessorInstrumentation(),
                new OperationStateInstrumentation(), new IoLoopThreadInstrumentation(),
                new ThreadPoolWaitInstrumentation(), new HpackDecoderInstrumentation());
    }
}
