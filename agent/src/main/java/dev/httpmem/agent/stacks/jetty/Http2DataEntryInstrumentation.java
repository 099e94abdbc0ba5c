package dev.httpmem.agent.stacks.jetty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.eclipse.jetty.http2.HTTP2Stream;
import org.eclipse.jetty.http2.frames.DataFrame;
import org.eclipse.jetty.http2.frames.Frame;

/**
 * A DATA frame generated for a stream. Each {@code generate} writes at most one frame, as much of the entry as
 * flow control allows; the entry may be generated again later, on another thread. The accumulator parameter
 * differs between 12.0 and 12.1, so methods are matched by name and arity.
 */
final class Http2DataEntryInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.eclipse.jetty.http2.HTTP2Session$DataEntry");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("generate").and(takesArguments(1)), GenerateAdvice.class));
    }

    static final class GenerateAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        @SuppressWarnings("UnusedVariable") // the exit advice reads the local this one sets
        static Slices enter(@Advice.FieldValue("stream") HTTP2Stream stream, @Advice.FieldValue("frame") Frame frame,
                            @Advice.FieldValue("dataRemaining") int remaining,
                            @Advice.Local("remainingBefore") int remainingBefore) {
            remainingBefore = remaining;
            return Slices.enterFrame(stream, ((DataFrame) frame).getByteBuffer(), 0, "DATA");
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices, @Advice.Local("remainingBefore") int remainingBefore,
                         @Advice.FieldValue("dataRemaining") int remaining, @Advice.FieldValue("frame") Frame frame) {
            Slices.exitFrame(slices, remainingBefore - remaining, remaining == 0 && ((DataFrame) frame).isEndStream());
        }
    }
}
