package dev.httpmem.agent.stacks.grizzly;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Exchanges;
import dev.httpmem.agent.runtime.Outcome;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import dev.httpmem.agent.stacks.grizzly.helpers.HttpmemGrizzlyHelpers;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * The server's own probes of an exchange's end: complete (its response finished, after the service, before its
 * {@code Request} is recycled), or cancelled (suspended, then timed out or its connection closed). An HTTP/2
 * stream's response may still wait for flow control when it completes: its exchange ends at its last frame
 * ({@link Http2SessionOutputSinkInstrumentation}), and completion tells only its status.
 */
final class HttpServerProbeNotifierInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.glassfish.grizzly.http.server.HttpServerProbeNotifier");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("notifyRequestComplete").and(isStatic()).and(takesArguments(3)), CompleteAdvice.class),
                new AdviceBinding(named("notifyRequestCancel").and(isStatic()).and(takesArguments(3)), CancelAdvice.class));
    }

    static final class CompleteAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(2) Response response) {
            HttpRequestPacket packet = response.getRequest().getRequest();
            GrizzlyExchanges.completed(HttpmemGrizzlyHelpers.exchangeKey(packet), packet.getProtocol() == Protocol.HTTP_2_0,
                    response.getStatus());
        }
    }

    static final class CancelAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(2) Request request) {
            Exchanges.end(HttpmemGrizzlyHelpers.exchangeKey(request.getRequest()), Outcome.CLOSED);
        }
    }
}
