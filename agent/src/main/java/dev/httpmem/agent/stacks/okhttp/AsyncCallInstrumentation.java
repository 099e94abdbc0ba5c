package dev.httpmem.agent.stacks.okhttp;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.stacks.PendingExchangeAdvice;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * An asynchronous call's run on the dispatcher: its connection, request, response and the application's callback,
 * which reads and handles the body. The first exchange it creates adopts it all: ended inside (as its body's last
 * byte is read), that exchange finishes once the run, and so the handling, has returned.
 */
final class AsyncCallInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("okhttp3.internal.connection.RealCall$AsyncCall");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("run").and(takesArguments(0)), PendingExchangeAdvice.class));
    }
}
