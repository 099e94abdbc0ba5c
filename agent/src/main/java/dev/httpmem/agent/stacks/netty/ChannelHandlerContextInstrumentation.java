package dev.httpmem.agent.stacks.netty;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Exchange;
import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.Relocation;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * An exception handed to a handler's {@code exceptionCaught}: what a decoder or handler threw while the thread
 * worked for an exchange (a child channel's read of its stream, an HTTP/1.1 request being read) failed that
 * exchange. Netty catches it here, before the application decides to reset or close.
 */
final class ChannelHandlerContextInstrumentation implements TypeInstrumentation {
    private final Relocation relocation;

    ChannelHandlerContextInstrumentation(Relocation relocation) {
        this.relocation = relocation;
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named(relocation.name("io.netty.channel.AbstractChannelHandlerContext"));
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("invokeExceptionCaught").and(takesArguments(1)).and(not(isStatic())),
                ExceptionCaughtAdvice.class, relocation));
    }

    static final class ExceptionCaughtAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) Throwable cause) {
            Exchange exchange = Slices.current();
            if (exchange != null) {
                exchange.failed(cause);
            }
        }
    }
}
