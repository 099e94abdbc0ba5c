package dev.httpmem.agent.stacks.tomcat;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Connections;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** A connection's close, the one path every endpoint (NIO, NIO2) takes, HTTP/1.1 and HTTP/2 alike. */
final class SocketWrapperBaseInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.apache.tomcat.util.net.SocketWrapperBase");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("close").and(takesArguments(0)), CloseAdvice.class));
    }

    static final class CloseAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object socketWrapper) {
            Connections.closedIntoCache(socketWrapper);
        }
    }
}
