package dev.httpmem.agent.stacks.jetty;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Connections;
import dev.httpmem.agent.runtime.Exchange;
import dev.httpmem.agent.runtime.Exchanges;
import dev.httpmem.agent.runtime.Outcome;
import dev.httpmem.agent.runtime.Role;
import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.nio.ByteBuffer;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.internal.HttpConnection;

/** One HTTP/1.1 request: opened with the stream, its body writes, ended by the stream's completion. */
final class HttpStreamOverHttp1Instrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.eclipse.jetty.server.internal.HttpConnection$HttpStreamOverHTTP1");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(
                new AdviceBinding(isConstructor().and(takesArguments(4)), OpenAdvice.class),
                new AdviceBinding(named("send").and(takesArguments(5)), SendAdvice.class),
                new AdviceBinding(named("read").and(takesArguments(0)), ReadAdvice.class),
                new AdviceBinding(named("succeeded").and(takesArguments(0)), SucceededAdvice.class),
                new AdviceBinding(named("failed").and(takesArguments(1)), FailedAdvice.class));
    }

    static final class OpenAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object stream, @Advice.FieldValue("this$0") HttpConnection connection,
                         @Advice.FieldValue("_id") long requestIndex, @Advice.Argument(1) String method,
                         @Advice.Argument(2) String target) {
            // "PRI * HTTP/2.0" is the h2c prior-knowledge preface, not a request: its streams are HTTP/2 exchanges.
            if (!"PRI".equals(method)) {
                EndPoint endPoint = connection.getEndPoint();
                Slices.adopt(Exchanges.open(stream, JettyInstrumentation.STACK, Role.SERVER, Exchange.HTTP_1_1,
                        Connections.of(endPoint, JettyInstrumentation.STACK), requestIndex + 1, method, target));
            }
        }
    }

    static final class SendAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.This Object stream, @Advice.Argument(1) MetaData.Response response,
                            @Advice.Argument(2) boolean last, @Advice.Argument(3) ByteBuffer content) {
            if (response != null && response.getStatus() == 101) {
                Exchanges.end(stream, Outcome.UPGRADED);
                return null;
            }
            return Slices.enterBody(stream, content, response == null ? 0 : response.getStatus(),
                    content == null ? 0 : content.remaining(), last);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices) {
            Slices.exit(slices);
        }
    }

    static final class ReadAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.This Object stream, @Advice.Return Content.Chunk chunk) {
            if (chunk != null && chunk.hasRemaining()) {
                Exchanges.requestBody(stream, chunk.remaining());
            }
        }
    }

    static final class SucceededAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object stream) {
            Exchanges.end(stream, Outcome.COMPLETED);
        }
    }

    static final class FailedAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object stream) {
            Exchanges.end(stream, Outcome.RESET);
        }
    }
}
