package dev.httpmem.agent.stacks.netty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.stacks.IoLoopAdvice;
import dev.httpmem.agent.stacks.Relocation;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** A server channel's read: accepting connections, for no connection yet, I/O loop work. */
final class NioMessageUnsafeInstrumentation implements TypeInstrumentation {
    private final Relocation relocation;

    NioMessageUnsafeInstrumentation(Relocation relocation) {
        this.relocation = relocation;
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named(relocation.name("io.netty.channel.nio.AbstractNioMessageChannel$NioMessageUnsafe"));
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("read").and(takesArguments(0)), IoLoopAdvice.class, relocation));
    }
}
