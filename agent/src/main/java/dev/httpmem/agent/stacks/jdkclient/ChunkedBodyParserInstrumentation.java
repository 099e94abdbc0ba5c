package dev.httpmem.agent.stacks.jdkclient;

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
 * A chunked HTTP/1.1 response body: each piece of a chunk's data the parser reads is body (the chunk sizes and
 * line ends around it are not), counted for the exchange whose slice reads it.
 */
final class ChunkedBodyParserInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("jdk.internal.net.http.ResponseContent$ChunkedBodyParser");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("tryReadOneHunk").and(takesArguments(1)), ReadHunkAdvice.class));
    }

    static final class ReadHunkAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.Return ByteBuffer hunk) {
            if (hunk != null) {
                Slices.bodyRead(hunk.remaining());
            }
        }
    }
}
