package dev.httpmem.agent.stacks.tomcat;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.AllocationTotals;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The NIO poller's and the acceptor's threads run their loop and nothing else, for all connections: all they
 * allocate is I/O loop work. Their loops never return, so the threads are marked rather than sliced.
 */
final class IoLoopThreadInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return namedOneOf("org.apache.tomcat.util.net.NioEndpoint$Poller", "org.apache.tomcat.util.net.Acceptor");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("run").and(takesArguments(0)), RunAdvice.class));
    }

    static final class RunAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter() {
            AllocationTotals.ioLoopThread();
        }
    }
}
