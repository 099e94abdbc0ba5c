package dev.httpmem.agent.stacks.jetty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.stacks.IoLoopAdvice;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * A selector's pass: selecting, updating interest and collecting the selected endpoints' tasks. It serves all of
 * the selector's connections, on a pool thread that also runs exchanges: I/O loop work.
 */
final class SelectorProducerInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.eclipse.jetty.io.ManagedSelector$SelectorProducer");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("produce").and(takesArguments(0)), IoLoopAdvice.class));
    }
}
