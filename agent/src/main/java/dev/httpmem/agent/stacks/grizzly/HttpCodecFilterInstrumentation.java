package dev.httpmem.agent.stacks.grizzly;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpResponsePacket;

/**
 * An HTTP/1.1 response's content encoded for its connection (HTTP/2's writes leave the chain before the codec): a
 * body write of its exchange, the content's bytes, the last one or not, telling the response's status (a
 * connection closed once the response was sent may end the exchange before Grizzly reports it complete).
 */
final class HttpCodecFilterInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.glassfish.grizzly.http.HttpCodecFilter");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("handleWrite").and(takesArguments(1)), WriteAdvice.class));
    }

    static final class WriteAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.Argument(0) FilterChainContext ctx) {
            Object message = ctx.getMessage();
            if (!(message instanceof HttpContent content) || !(content.getHttpHeader() instanceof HttpResponsePacket response)) {
                return null;
            }
            return Slices.enterBody(response.getProcessingState().getHttpContext(), null, response.getStatus(),
                    content.getContent() == null ? 0 : content.getContent().remaining(), content.isLast());
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices, @Advice.Thrown Throwable thrown) {
            Slices.exitWrite(slices, thrown);
        }
    }
}
