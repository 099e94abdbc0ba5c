package dev.httpmem.agent.stacks.undertow;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Connections;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * An HTTP/1.1 connection's socket closed: the connection is, and the request it was serving, if any, ends as
 * closed before Undertow ends it (which completes it as if answered).
 */
final class CloseSetterInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("io.undertow.server.AbstractServerConnection$CloseSetter");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("handleEvent").and(takesArguments(1)), ClosedAdvice.class));
    }

    static final class ClosedAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.FieldValue("this$0") Object connection) {
            Connections.closed(connection);
        }
    }
}
