package dev.httpmem.agent.stacks.jettyclient;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Http1Connections;
import dev.httpmem.agent.runtime.Role;
import dev.httpmem.agent.runtime.SliceKind;
import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.transport.HttpExchange;

/**
 * An HTTP/1.1 connection's channel sends an exchange it was just given: the exchange opens, numbered on its
 * connection, and the send is its first slice. A tunnel's CONNECT is the client's way to its server, not a request
 * of the application's. Not adopted by a pending slice around it: one around a client's send is the server's
 * (Jetty's parser, should a server's handler send the request).
 */
final class HttpChannelOverHttpInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.eclipse.jetty.client.transport.internal.HttpChannelOverHTTP");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("send").and(takesArguments(1)), SendAdvice.class));
    }

    static final class SendAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.FieldValue("connection") Object connection, @Advice.Argument(0) HttpExchange exchange) {
            Request request = exchange.getRequest();
            if (request.getMethod().equals("CONNECT")) {
                return null;
            }
            return Slices.enter(Http1Connections.open(connection, exchange, JettyClientInstrumentation.STACK, Role.CLIENT,
                    request.getMethod(), request.getURI().getRawPath()), SliceKind.HANDLE);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices) {
            Slices.exit(slices);
        }
    }
}
