package dev.httpmem.agent.stacks.okhttp;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Connections;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The pool closed a connection (idle too long, too many idle, evicted, found unhealthy, or let go of by its last
 * call): every such close tells the connection listener, whose base method no listener overrides.
 */
final class ConnectionListenerInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("okhttp3.internal.connection.ConnectionListener");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("connectionClosed").and(takesArguments(1)), ClosedAdvice.class));
    }

    static final class ClosedAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) Object connection) {
            Connections.closed(connection);
        }
    }
}
