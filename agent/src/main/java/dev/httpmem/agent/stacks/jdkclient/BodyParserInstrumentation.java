package dev.httpmem.agent.stacks.jdkclient;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.nio.ByteBuffer;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * An HTTP/1.1 response body of a known length, or read to the connection's end: what the parser takes of a
 * buffer is body, counted for the exchange whose slice reads it ({@link Http1AsyncReceiverInstrumentation}).
 */
final class BodyParserInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("jdk.internal.net.http.ResponseContent$FixedLengthBodyParser")
                .or(named("jdk.internal.net.http.ResponseContent$UnknownLengthBodyParser"));
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("accept").and(takesArguments(1)).and(takesArgument(0, ByteBuffer.class)),
                AcceptAdvice.class));
    }

    static final class AcceptAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static int enter(@Advice.Argument(0) ByteBuffer buffer) {
            return buffer.remaining();
        }

        @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.Argument(0) ByteBuffer buffer, @Advice.Enter int before) {
            Slices.bodyRead(before - buffer.remaining());
        }
    }
}
