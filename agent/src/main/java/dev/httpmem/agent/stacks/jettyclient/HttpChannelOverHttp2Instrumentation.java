package dev.httpmem.agent.stacks.jettyclient;

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
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.transport.HttpChannel;
import org.eclipse.jetty.client.transport.HttpExchange;
import org.eclipse.jetty.http2.api.Stream;

/**
 * An HTTP/2 connection's channel (recycled from exchange to exchange) sends an exchange it was just given: the
 * exchange opens on the connection, and the send is its first slice; the stream the send creates, synchronously,
 * numbers it.
 */
final class HttpChannelOverHttp2Instrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.eclipse.jetty.http2.client.transport.internal.HttpChannelOverHTTP2");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(
                new AdviceBinding(named("send").and(takesArguments(1)), SendAdvice.class),
                new AdviceBinding(named("setStream").and(takesArguments(1)), SetStreamAdvice.class));
    }

    /** Jetty's HTTP/2 transport is a jar of its own, which a client over HTTP/1.1 alone does without. */
    @Override
    public boolean optional() {
        return true;
    }

    static final class SendAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.FieldValue("connection") Object connection, @Advice.Argument(0) HttpExchange exchange) {
            Request request = exchange.getRequest();
            if (request.getMethod().equals("CONNECT")) {
                return null;
            }
            return Slices.enter(Exchanges.open(exchange, JettyClientInstrumentation.STACK, Role.CLIENT, Exchange.HTTP_2,
                    Connections.of(connection, JettyClientInstrumentation.STACK), 0, request.getMethod(),
                    request.getURI().getRawPath()), SliceKind.HANDLE);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices) {
            Slices.exit(slices);
        }
    }

    static final class SetStreamAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.This HttpChannel channel, @Advice.Argument(0) Stream stream) {
            if (stream != null) {
                Exchanges.streamId(channel.getHttpExchange(), stream.getId());
            }
        }
    }
}
