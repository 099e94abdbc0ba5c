package dev.httpmem.agent.stacks.okhttp;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;

import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * An HTTP/2 stream, created as an exchange sends its headers, on the sending thread inside that exchange's slice:
 * its id numbers the exchange.
 */
final class Http2StreamInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("okhttp3.internal.http2.Http2Stream");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(isConstructor(), CreatedAdvice.class));
    }

    static final class CreatedAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Argument(0) int streamId) {
            Slices.currentStreamId(streamId);
        }
    }
}
