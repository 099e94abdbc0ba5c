package dev.httpmem.agent.stacks.tomcat;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Connections;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Tomcat's socket channels ({@code NioChannel}, {@code Nio2Channel}, same shape) keep their last socket wrapper
 * after it closed, while the endpoint caches them for the next connection: the wrapper is released when its
 * channel is reset for another connection, or freed instead of cached. Until then a closed connection held by
 * nothing else is not leaked.
 */
final class SocketChannelInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return namedOneOf("org.apache.tomcat.util.net.NioChannel", "org.apache.tomcat.util.net.Nio2Channel");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("reset").and(takesArguments(2)).or(named("free").and(takesArguments(0))),
                ReleaseAdvice.class));
    }

    static final class ReleaseAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.FieldValue("socketWrapper") Object previous) {
            Connections.released(previous);
        }
    }
}
