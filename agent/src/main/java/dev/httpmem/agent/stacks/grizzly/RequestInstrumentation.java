package dev.httpmem.agent.stacks.grizzly;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.http2.Http2Stream;

/**
 * A pooled {@code Request} initialized for an exchange whose headers were parsed, once per HTTP/1.1 request and
 * per HTTP/2 stream (h2c's stream 1 is the Upgrade request itself): its exchange opens.
 */
final class RequestInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.glassfish.grizzly.http.server.Request");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("initialize").and(takesArguments(3)), InitializeAdvice.class));
    }

    static final class InitializeAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.Argument(0) HttpRequestPacket request, @Advice.Argument(1) FilterChainContext ctx) {
            String method = request.getMethod().getMethodString();
            if (request.getProtocol() == Protocol.HTTP_2_0) {
                Http2Stream stream = Http2Stream.getStreamFor(request);
                GrizzlyExchanges.openHttp2(stream, ctx.getConnection(), stream.getId(), method, request.getRequestURI());
            } else {
                GrizzlyExchanges.openHttp1(request.getProcessingState().getHttpContext(), ctx.getConnection(), method,
                        request.getRequestURI());
            }
        }
    }
}
