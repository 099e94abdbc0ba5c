package dev.httpmem.agent.stacks.grizzly;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Connections;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * A connection closed, by either side ({@code terminate0} is where every close ends up, once): the HTTP/1.1
 * request it was serving, if any, ends as closed.
 */
final class NioConnectionInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.glassfish.grizzly.nio.NIOConnection");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("terminate0").and(takesArguments(2)), CloseAdvice.class));
    }

    static final class CloseAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object connection) {
            Connections.closed(connection);
        }
    }
}
