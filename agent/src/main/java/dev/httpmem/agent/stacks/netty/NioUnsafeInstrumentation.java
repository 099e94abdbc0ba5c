package dev.httpmem.agent.stacks.netty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.stacks.Relocation;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** A flush the socket could not take at once, forced by the event loop when the socket becomes writable. */
final class NioUnsafeInstrumentation implements TypeInstrumentation {
    private final Relocation relocation;

    NioUnsafeInstrumentation(Relocation relocation) {
        this.relocation = relocation;
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named(relocation.name("io.netty.channel.nio.AbstractNioChannel$AbstractNioUnsafe"));
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("forceFlush").and(takesArguments(0)), ChannelWorkAdvice.class, relocation));
    }
}
