package dev.httpmem.agent.stacks.jdkclient;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.InboundFrames;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The header of each HTTP/2 frame the client reads, parsed before the frame is built and handed to its stream on
 * the same thread ({@link StreamInstrumentation}), which cannot read the frame itself.
 */
final class FramesDecoderInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("jdk.internal.net.http.frame.FramesDecoder");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("parseFrameHeader").and(takesArguments(0)), ParseHeaderAdvice.class));
    }

    static final class ParseHeaderAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.FieldValue("frameStreamid") int streamId, @Advice.FieldValue("frameType") int type,
                         @Advice.FieldValue("frameLength") int length) {
            InboundFrames.parsed(streamId, type, length);
        }
    }
}
