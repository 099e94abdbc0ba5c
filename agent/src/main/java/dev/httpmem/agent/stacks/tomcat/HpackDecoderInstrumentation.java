package dev.httpmem.agent.stacks.tomcat;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.SliceKind;
import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Decoding a header block into the stream it belongs to (its header emitter, set when its HEADERS frame starts):
 * a handle slice of that stream's exchange, so HPACK decoding is the request's cost, not its connection's.
 */
final class HpackDecoderInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.apache.coyote.http2.HpackDecoder");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("decode").and(takesArguments(1)), DecodeAdvice.class));
    }

    static final class DecodeAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.FieldValue("headerEmitter") Object stream) {
            return Slices.enterExchangeOf(stream, SliceKind.HANDLE);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices) {
            Slices.exit(slices);
        }
    }
}
