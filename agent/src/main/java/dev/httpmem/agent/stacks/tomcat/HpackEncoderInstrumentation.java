package dev.httpmem.agent.stacks.tomcat;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.nio.ByteBuffer;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * A header block as HPACK encodes it inside a HEADERS frame write, in one or more calls (a block that overflows
 * the frame continues in CONTINUATION frames): what each call adds is the frame's payload.
 */
final class HpackEncoderInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.apache.coyote.http2.HpackEncoder");
    }

    @Override
    public List<AdviceBinding> advice() {
        // The two-argument encode delegates to this one.
        return List.of(new AdviceBinding(named("encode").and(takesArguments(3)), EncodeAdvice.class));
    }

    static final class EncodeAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static int enter(@Advice.Argument(1) ByteBuffer target) {
            return target.position();
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Argument(1) ByteBuffer target, @Advice.Enter int before) {
            Slices.addFramePayload(target.position() - before);
        }
    }
}
