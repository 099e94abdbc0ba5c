package dev.httpmem.agent.stacks.netty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.SliceKind;
import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.Relocation;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import io.netty.handler.codec.http2.Http2StreamChannel;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * A child channel's own work for its stream: registering (the application's initializer and channelActive),
 * delivering inbound frames it had buffered, and turning the application's writes into frames for the parent.
 * Each is a handle slice of the child's stream.
 */
final class Http2ChannelUnsafeInstrumentation implements TypeInstrumentation {
    private final Relocation relocation;

    Http2ChannelUnsafeInstrumentation(Relocation relocation) {
        this.relocation = relocation;
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named(relocation.name("io.netty.handler.codec.http2.AbstractHttp2StreamChannel$Http2ChannelUnsafe"));
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(
                named("register").and(takesArguments(2))
                        .or(named("doBeginRead").and(takesArguments(0)))
                        .or(named("write").and(takesArguments(2))),
                ChildWorkAdvice.class, relocation));
    }

    static final class ChildWorkAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.FieldValue("this$0") Http2StreamChannel channel) throws Throwable {
            return Slices.enterExchangeOf(NettyKeys.http2Stream(channel.stream()), SliceKind.HANDLE);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices) {
            Slices.exit(slices);
        }
    }
}
