package dev.httpmem.agent.stacks.tomcat;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.stacks.IoLoopAdvice;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** A worker waiting for its next task: I/O loop work, for no connection in particular. */
final class ThreadPoolWaitInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.apache.tomcat.util.threads.ThreadPoolExecutor");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("getTask").and(takesArguments(0)), IoLoopAdvice.class));
    }
}
