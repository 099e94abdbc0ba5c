package dev.httpmem.agent.stacks.netty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.SliceKind;
import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.Relocation;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * A child channel of {@code Http2MultiplexHandler} (one per stream) handing a frame or read-complete to its
 * pipeline, the application's handler: a handle slice of its stream, wherever it runs, including frames the
 * child had buffered until the application asked to read.
 */
final class Http2StreamChannelInstrumentation implements TypeInstrumentation {
    private final Relocation relocation;

    Http2StreamChannelInstrumentation(Relocation relocation) {
        this.relocation = relocation;
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named(relocation.name("io.netty.handler.codec.http2.AbstractHttp2StreamChannel"));
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(
                named("fireChildRead").and(takesArguments(1)).or(named("fireChildReadComplete").and(takesArguments(0))),
                ChildInboundAdvice.class, relocation));
    }

    static final class ChildInboundAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.FieldValue("stream") Object frameStream) throws Throwable {
            return Slices.enterExchangeOf(NettyKeys.http2Stream(frameStream), SliceKind.HANDLE);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices) {
            Slices.exit(slices);
        }
    }
}
