package dev.httpmem.agent.stacks.okhttp;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Connections;
import dev.httpmem.agent.runtime.Exchange;
import dev.httpmem.agent.runtime.Exchanges;
import dev.httpmem.agent.runtime.Http1Connections;
import dev.httpmem.agent.runtime.Role;
import dev.httpmem.agent.runtime.SliceKind;
import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.KeyedWorkAdvice;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.internal.connection.RealConnection;
import okhttp3.internal.http2.Http2ExchangeCodec;

/**
 * One attempt of a request, created on its connection with the codec of its protocol: it opens the exchange
 * (HTTP/1.1 numbered per connection; HTTP/2 numbered as its stream is created), adopting the call's work around it;
 * sending its headers names its request (the one sent, after redirects and the client's own headers), and the
 * final response's headers its status. Its steps are slices of it.
 */
final class ExchangeInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("okhttp3.internal.connection.Exchange");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(
                // Its arguments differ across 5.x (an EventListener until 5.4): its fields are read instead.
                new AdviceBinding(isConstructor(), OpenAdvice.class),
                new AdviceBinding(named("writeRequestHeaders").and(takesArguments(1)), WriteHeadersAdvice.class),
                new AdviceBinding(named("readResponseHeaders").or(named("openResponseBody")).and(takesArguments(1)),
                        KeyedWorkAdvice.class),
                new AdviceBinding(named("responseHeadersEnd").and(takesArguments(1)), ResponseHeadersAdvice.class));
    }

    static final class OpenAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This okhttp3.internal.connection.Exchange exchange, @Advice.FieldValue("codec") Object codec) {
            RealConnection connection = exchange.getConnection$okhttp();
            Slices.adopt(codec instanceof Http2ExchangeCodec
                    ? Exchanges.open(exchange, OkHttpInstrumentation.STACK, Role.CLIENT, Exchange.HTTP_2,
                            Connections.of(connection, OkHttpInstrumentation.STACK), 0, null, null)
                    : Http1Connections.open(connection, exchange, OkHttpInstrumentation.STACK, Role.CLIENT, null, null));
        }
    }

    static final class WriteHeadersAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.This Object exchange, @Advice.Argument(0) Request request) {
            Exchanges.describeRequest(exchange, request.method(), request.url().encodedPath());
            return Slices.enterExchangeOf(exchange, SliceKind.HANDLE);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices) {
            Slices.exit(slices);
        }
    }

    static final class ResponseHeadersAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object exchange, @Advice.Argument(0) Response response) {
            Exchanges.status(exchange, response.code());
        }
    }
}
