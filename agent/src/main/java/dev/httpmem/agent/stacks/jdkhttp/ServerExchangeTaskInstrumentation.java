package dev.httpmem.agent.stacks.jdkhttp;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The server's task for one request: it parses the request, creates the exchange (whose advice adopts the
 * parsing and enters the handle slice, see {@link ExchangeImplInstrumentation}) and runs the filters and the
 * handler. Its end ends those slices, however the task ends.
 */
final class ServerExchangeTaskInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("sun.net.httpserver.ServerImpl$Exchange");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("run").and(takesArguments(0)), RunAdvice.class));
    }

    static final class RunAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static int enter() {
            int depth = Slices.depth();
            Slices.enterPending(); // reading the request line and headers, until the exchange opens
            return depth;
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter int depth) {
            Slices.exitTo(depth);
        }
    }
}
