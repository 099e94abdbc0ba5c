package dev.httpmem.agent.stacks.jetty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Exchanges;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.server.internal.HttpChannelState;

/**
 * A request's callback failed, for either protocol: where Jetty takes what a customizer or handler threw (it
 * answers 500 next), and what the application fails a request with. The exchange ends failed.
 */
final class ChannelCallbackInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.eclipse.jetty.server.internal.HttpChannelState$ChannelCallback");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("failed").and(takesArguments(1)), FailedAdvice.class));
    }

    static final class FailedAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.FieldValue("_request") Object request, @Advice.Argument(0) Throwable failure)
                throws Throwable {
            // Null once the request completed: a late failure is not the exchange's.
            HttpChannelState channel = (HttpChannelState) JettyExchangeKeys.channelOf(request);
            if (channel == null) {
                return;
            }
            HttpStream stream = channel.getHttpStream();
            while (stream instanceof HttpStream.Wrapper) {
                stream = ((HttpStream.Wrapper) stream).getWrapped();
            }
            Exchanges.failed(JettyExchangeKeys.ofHttpStream(stream), failure);
        }
    }
}
