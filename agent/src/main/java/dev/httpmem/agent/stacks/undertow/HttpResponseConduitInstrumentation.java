package dev.httpmem.agent.stacks.undertow;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import io.undertow.server.HttpServerExchange;
import java.nio.ByteBuffer;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * An HTTP/1.1 response's body written to its connection, after the headers the first write carries: a body write
 * of the exchange the conduit serves, of the bytes the write took. Writes return what they took, as a socket
 * that is full takes less than it was given.
 */
final class HttpResponseConduitInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("io.undertow.server.protocol.http.HttpResponseConduit");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(
                new AdviceBinding(named("write").and(takesArguments(1)).and(takesArgument(0, ByteBuffer.class)),
                        WriteAdvice.class),
                new AdviceBinding(named("write").and(takesArguments(3)).and(takesArgument(0, ByteBuffer[].class)),
                        GatheringWriteAdvice.class));
    }

    static final class WriteAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.FieldValue("exchange") HttpServerExchange exchange) {
            // None once the response is done with it (a write Undertow finishes after the exchange completed).
            return exchange == null ? null : Slices.enterBody(exchange.getResponseHeaders(), null, 0, 0, false);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices, @Advice.Return int written) {
            Slices.exitBody(slices, written);
        }
    }

    /** The same for a write of several buffers, which returns a long. */
    static final class GatheringWriteAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.FieldValue("exchange") HttpServerExchange exchange) {
            // None once the response is done with it (a write Undertow finishes after the exchange completed).
            return exchange == null ? null : Slices.enterBody(exchange.getResponseHeaders(), null, 0, 0, false);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices, @Advice.Return long written) {
            Slices.exitBody(slices, written);
        }
    }
}
