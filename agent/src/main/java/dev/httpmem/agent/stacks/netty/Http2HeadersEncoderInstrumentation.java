package dev.httpmem.agent.stacks.netty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.Relocation;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import io.netty.buffer.ByteBuf;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** A header block as HPACK encodes it inside a HEADERS frame write: its size is the frame's payload. */
final class Http2HeadersEncoderInstrumentation implements TypeInstrumentation {
    private final Relocation relocation;

    Http2HeadersEncoderInstrumentation(Relocation relocation) {
        this.relocation = relocation;
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named(relocation.name("io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder"));
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("encodeHeaders").and(takesArguments(3)), EncodeAdvice.class, relocation));
    }

    static final class EncodeAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static int enter(@Advice.Argument(2) ByteBuf buffer) {
            return buffer.writerIndex();
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Argument(2) ByteBuf buffer, @Advice.Enter int before) {
            Slices.addFramePayload(buffer.writerIndex() - before);
        }
    }
}
