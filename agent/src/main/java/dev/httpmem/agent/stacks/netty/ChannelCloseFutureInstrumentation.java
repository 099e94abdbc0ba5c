package dev.httpmem.agent.stacks.netty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Connections;
import dev.httpmem.agent.stacks.Relocation;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import io.netty.channel.ChannelFuture;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * A channel's close future completing: the one step every close of a socket channel (NIO, epoll, kqueue, io_uring)
 * takes once. Child channels of HTTP/2 streams have their own future and never get here.
 */
final class ChannelCloseFutureInstrumentation implements TypeInstrumentation {
    private final Relocation relocation;

    ChannelCloseFutureInstrumentation(Relocation relocation) {
        this.relocation = relocation;
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named(relocation.name("io.netty.channel.AbstractChannel$CloseFuture"));
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("setClosed").and(takesArguments(0)), SetClosedAdvice.class, relocation));
    }

    static final class SetClosedAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.This ChannelFuture closeFuture, @Advice.Return boolean closedNow) {
            if (closedNow) {
                Connections.closed(closeFuture.channel());
            }
        }
    }
}
