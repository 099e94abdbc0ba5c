package dev.httpmem.agent.stacks.helidon;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Connections;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code ConnectionHandler}, one per accepted connection and the connection context of all its requests and
 * streams: its {@code run}, on the connection's virtual thread, returns once the connection is closed.
 */
final class ConnectionHandlerInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("io.helidon.webserver.ConnectionHandler");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("run").and(takesArguments(0)), RunAdvice.class));
    }

    static final class RunAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.This Object connection) {
            Connections.closed(connection);
        }
    }
}
