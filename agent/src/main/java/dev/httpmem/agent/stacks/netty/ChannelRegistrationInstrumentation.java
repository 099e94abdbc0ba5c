package dev.httpmem.agent.stacks.netty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.stacks.Relocation;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** An accepted channel's registration on its event loop, where its pipeline is built: work for that connection. */
final class ChannelRegistrationInstrumentation implements TypeInstrumentation {
    private final Relocation relocation;

    ChannelRegistrationInstrumentation(Relocation relocation) {
        this.relocation = relocation;
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named(relocation.name("io.netty.channel.AbstractChannel$AbstractUnsafe"));
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("register0").and(takesArguments(1)), ChannelWorkAdvice.class, relocation));
    }
}
