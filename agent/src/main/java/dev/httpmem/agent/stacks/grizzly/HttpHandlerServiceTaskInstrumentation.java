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
 * The task in which {@code HttpHandler} runs an exchange's service on a worker thread (its one anonymous class,
 * which captures the request): a handle slice of the exchange.
 */
final class HttpHandlerServiceTaskInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.glassfish.grizzly.http.server.HttpHandler$1");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("run").and(takesArguments(0)), ServiceAdvice.class));
    }

    static final class ServiceAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.FieldValue("val$request") Request request) {
            return Slices.enterExchangeOf(HttpmemGrizzlyHelpers.exchangeKey(request.getRequest()), SliceKind.HANDLE);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices) {
            Slices.exit(slices);
        }
    }
}
