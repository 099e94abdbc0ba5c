package dev.httpmem.agent.stacks.tomcat;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Connections;
import dev.httpmem.agent.runtime.Exchange;
import dev.httpmem.agent.runtime.Exchanges;
import dev.httpmem.agent.runtime.Role;
import dev.httpmem.agent.runtime.SliceKind;
import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.apache.coyote.Request;
import org.apache.tomcat.util.net.SocketWrapperBase;

/**
 * An HTTP/2 stream's processor: created once the request's HEADERS are complete, it tells the exchange opened
 * with the stream its request (for an h2c Upgrade's request, stream 1, made without a HEADERS frame, it opens
 * it); each of its runs on a container thread is a handle slice.
 */
final class StreamProcessorInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.apache.coyote.http2.StreamProcessor");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(
                new AdviceBinding(isConstructor().and(takesArguments(4)), OpenAdvice.class),
                new AdviceBinding(named("process").and(takesArguments(1)), ProcessAdvice.class));
    }

    static final class OpenAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        @SuppressWarnings("deprecation") // Request.method(): Tomcat 11 deprecates it, 10.1 has nothing else
        static void exit(@Advice.Argument(1) Object stream, @Advice.Argument(3) SocketWrapperBase<?> socketWrapper,
                         @Advice.FieldValue("request") Request request) throws Throwable {
            int streamId = TomcatFields.streamId(stream);
            // Client-initiated streams are odd; Tomcat 10.1's pushed streams are even and answer no request.
            if ((streamId & 1) == 1) {
                String method = request.method().toString();
                String path = request.requestURI().toString();
                // Opened when the stream was created, as a rule; the h2c upgrade's stream 1 is created otherwise.
                if (!Exchanges.describeRequest(stream, method, path)) {
                    Exchanges.open(stream, TomcatInstrumentation.STACK, Role.SERVER, Exchange.HTTP_2,
                            Connections.of(socketWrapper, TomcatInstrumentation.STACK), streamId, method, path);
                }
            }
        }
    }

    static final class ProcessAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.FieldValue("stream") Object stream) {
            return Slices.enterExchangeOf(stream, SliceKind.HANDLE);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices) {
            Slices.exit(slices);
        }
    }
}
