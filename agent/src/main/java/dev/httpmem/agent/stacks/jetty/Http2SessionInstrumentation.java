package dev.httpmem.agent.stacks.jetty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Connections;
import dev.httpmem.agent.runtime.Exchange;
import dev.httpmem.agent.runtime.Exchanges;
import dev.httpmem.agent.runtime.Role;
import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.HTTP2Session;
import org.eclipse.jetty.http2.HTTP2Stream;
import org.eclipse.jetty.io.EndPoint;

/**
 * Opens an HTTP/2 exchange where the server creates the stream for a request's HEADERS: the first point that
 * knows both the stream id and the request (an h2c Upgrade's request arrives here too, as stream 1). The
 * HEADERS frame's parsing around it, HPACK decoding included, becomes the exchange's handling.
 */
final class Http2SessionInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.eclipse.jetty.http2.HTTP2Session");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("createRemoteStream").and(takesArguments(2)), CreateRemoteStreamAdvice.class));
    }

    static final class CreateRemoteStreamAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This HTTP2Session session, @Advice.Argument(0) int streamId,
                         @Advice.Argument(1) MetaData.Request request, @Advice.Return HTTP2Stream stream) {
            // Client-initiated streams are odd; a client's session creates even (pushed) remote streams.
            if (stream != null && (streamId & 1) == 1 && request != null) {
                EndPoint endPoint = session.getEndPoint();
                Slices.adopt(Exchanges.open(stream, JettyInstrumentation.STACK, Role.SERVER, Exchange.HTTP_2,
                        Connections.of(endPoint, JettyInstrumentation.STACK), streamId,
                        request.getMethod(), request.getHttpURI().getPath()));
            }
        }
    }
}
