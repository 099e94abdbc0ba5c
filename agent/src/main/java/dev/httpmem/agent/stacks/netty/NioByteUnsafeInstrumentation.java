package dev.httpmem.agent.stacks.netty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.stacks.Relocation;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** A socket channel's read on its event loop: buffers read and everything the pipeline decodes from them. */
final class NioByteUnsafeInstrumentation implements TypeInstrumentation {
    private final Relocation relocation;

    NioByteUnsafeInstrumentation(Relocation relocation) {
        this.relocation = relocation;
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named(relocation.name("io.netty.channel.nio.AbstractNioByteChannel$NioByteUnsafe"));
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("read").and(takesArguments(0)), ChannelWorkAdvice.class, relocation));
    }
}
