package dev.httpmem.agent.stacks.jetty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Exchanges;
import dev.httpmem.agent.runtime.SliceKind;
import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.server.internal.HttpChannelState;

/** The application's handler, for either protocol: a handle slice. */
final class HandlerInvokerInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.eclipse.jetty.server.internal.HttpChannelState$HandlerInvoker");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("run").and(takesArguments(0)), RunAdvice.class));
    }

    static final class RunAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.FieldValue("this$0") HttpChannelState channel) throws Throwable {
            HttpStream stream = channel.getHttpStream();
            while (stream instanceof HttpStream.Wrapper) {
                stream = ((HttpStream.Wrapper) stream).getWrapped();
            }
            Object key = JettyExchangeKeys.ofHttpStream(stream);
            Exchanges.watchWith(key, channel.getRequest());
            return Slices.enterExchangeOf(key, SliceKind.HANDLE);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices) {
            Slices.exit(slices);
        }
    }
}
