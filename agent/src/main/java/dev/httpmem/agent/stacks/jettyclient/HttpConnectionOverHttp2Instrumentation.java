package dev.httpmem.agent.stacks.jettyclient;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Connections;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * An HTTP/2 connection of the client closes (the client's or the pool's close, the session's end): no longer
 * counted open. Its streams' exchanges end through their own aborts.
 */
final class HttpConnectionOverHttp2Instrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.eclipse.jetty.http2.client.transport.internal.HttpConnectionOverHTTP2");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("close").and(takesArguments(0)), CloseAdvice.class));
    }

    @Override
    public boolean optional() {
        return true;
    }

    static final class CloseAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object connection) {
            Connections.closed(connection);
        }
    }
}
