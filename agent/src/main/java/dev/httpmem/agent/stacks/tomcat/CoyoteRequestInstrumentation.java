package dev.httpmem.agent.stacks.tomcat;

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
 * Ends an HTTP/1.1 exchange when Tomcat recycles its request, before the next request on the connection or when
 * the processor is released (the connection closed, or failed). A response that was not completely written ended
 * with its connection.
 */
final class CoyoteRequestInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.apache.coyote.Request");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("recycle").and(takesArguments(0)), RecycleAdvice.class));
    }

    static final class RecycleAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object request) {
            Exchanges.end(request, Outcome.CLOSED);
        }
    }
}
