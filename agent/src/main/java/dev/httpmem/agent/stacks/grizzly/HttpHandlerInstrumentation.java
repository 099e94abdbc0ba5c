package dev.httpmem.agent.stacks.grizzly;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.SliceKind;
import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import dev.httpmem.agent.stacks.grizzly.helpers.HttpmemGrizzlyHelpers;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.glassfish.grizzly.http.server.Request;

/**
 * The handler taking an exchange on the thread that read it: its service runs here when Grizzly does not hand it
 * to a worker ({@link HttpHandlerServiceTaskInstrumentation}), and either way this is the exchange's handling.
 */
final class HttpHandlerInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.glassfish.grizzly.http.server.HttpHandler");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("doHandle").and(takesArguments(2)), HandleAdvice.class));
    }

    static final class HandleAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.Argument(0) Request request) {
            return Slices.enterExchangeOf(HttpmemGrizzlyHelpers.exchangeKey(request.getRequest()), SliceKind.HANDLE);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices) {
            Slices.exit(slices);
        }
    }
}
