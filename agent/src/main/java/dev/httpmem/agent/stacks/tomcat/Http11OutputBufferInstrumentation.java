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
import org.apache.coyote.Response;

/**
 * HTTP/1.1 response body writes: every {@code doWrite} (committing the headers on the first), then {@code end},
 * which flushes what is buffered and terminates a chunked body: the last write.
 */
final class Http11OutputBufferInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.apache.coyote.http11.Http11OutputBuffer");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(
                new AdviceBinding(named("doWrite").and(takesArguments(1)), DoWriteAdvice.class),
                new AdviceBinding(named("end").and(takesArguments(0)), EndAdvice.class));
    }

    static final class DoWriteAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.FieldValue("response") Response response, @Advice.Argument(0) ByteBuffer chunk) {
            return Slices.enterBody(response.getRequest(), null, response.getStatus(), chunk.remaining(), false);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices, @Advice.Thrown Throwable thrown) {
            Slices.exitWrite(slices, thrown);
        }
    }

    static final class EndAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.FieldValue("response") Response response,
                            @Advice.FieldValue("responseFinished") boolean finished) {
            return finished ? null : Slices.enterBody(response.getRequest(), null, response.getStatus(), 0, true);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices, @Advice.Thrown Throwable thrown) {
            Slices.exitWrite(slices, thrown);
        }
    }
}
