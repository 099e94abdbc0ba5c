package dev.httpmem.agent.stacks.jdkhttp;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Connections;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * A connection's close (by the client, an error, a timeout or the server's stop): the request it was serving, if
 * its response was not written through, ends as closed.
 */
final class HttpConnectionInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("sun.net.httpserver.HttpConnection");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("close").and(takesArguments(0)), CloseAdvice.class));
    }

    static final class CloseAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object connection) {
            Connections.closed(connection);
        }
    }
}
