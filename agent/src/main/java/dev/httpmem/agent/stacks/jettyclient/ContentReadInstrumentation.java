package dev.httpmem.agent.stacks.jettyclient;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.eclipse.jetty.io.Content;

/**
 * A chunk of a response body the application's content listener reads (HTTP/1.1's parsed from the connection,
 * HTTP/2's DATA), inside the slice of the exchange whose content is handed over: its bytes are that response's.
 */
final class ContentReadInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.eclipse.jetty.client.transport.internal.HttpReceiverOverHTTP")
                .or(named("org.eclipse.jetty.http2.client.transport.internal.HttpReceiverOverHTTP2"));
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("read").and(takesArguments(1)), ReadAdvice.class));
    }

    static final class ReadAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.Return Content.Chunk chunk) {
            if (chunk != null) {
                Slices.bodyRead(chunk.getByteBuffer().remaining());
            }
        }
    }
}
