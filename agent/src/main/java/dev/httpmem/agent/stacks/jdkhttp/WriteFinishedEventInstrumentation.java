package dev.httpmem.agent.stacks.jdkhttp;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
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
 * The notice a response body stream sends its server once the whole response is written (JDK 17's
 * {@code WriteFinishedEvent}, later JDKs' {@code Event.WriteFinished}): the exchange is complete.
 */
final class WriteFinishedEventInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("sun.net.httpserver.WriteFinishedEvent").or(named("sun.net.httpserver.Event$WriteFinished"));
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(isConstructor().and(takesArguments(1)), CompletedAdvice.class));
    }

    static final class CompletedAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Object exchange) {
            Exchanges.end(exchange, Outcome.COMPLETED);
        }
    }
}
