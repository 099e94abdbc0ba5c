package dev.httpmem.agent.stacks.jetty;

import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;

import dev.httpmem.agent.stacks.IoLoopAdvice;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** A pool thread waiting for its next task (queued or reserved): I/O loop work, for no connection in particular. */
final class ThreadPoolWaitInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return namedOneOf("org.eclipse.jetty.util.thread.QueuedThreadPool$Runner",
                "org.eclipse.jetty.util.thread.ReservedThreadExecutor$ReservedThread");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(namedOneOf("idleJobPoll", "waitForTask"), IoLoopAdvice.class));
    }
}
