package dev.httpmem.agent.stacks.jdkclient;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Exchanges;
import dev.httpmem.agent.runtime.Outcome;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * An HTTP/1.1 response read whole (its body's end, or none: a 204, a HEAD's), just before the application's
 * subscriber completes, inside the slice that read it: the exchange ends completed with its status. A 101 is the
 * h2c Upgrade's, whose exchange ends upgraded right after.
 */
final class Http1ResponseInstrumentation implements TypeInstrumentation {
    private static final int SWITCHING_PROTOCOLS = 101;

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("jdk.internal.net.http.Http1Response");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("onFinished").and(takesArguments(0)), FinishedAdvice.class));
    }

    static final class FinishedAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.FieldValue("exchange") Object exchange, @Advice.FieldValue("responseCode") int status) {
            if (status != SWITCHING_PROTOCOLS) {
                Exchanges.status(exchange, status);
                Exchanges.end(exchange, Outcome.COMPLETED);
            }
        }
    }
}
