package dev.httpmem.agent.stacks.undertow;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import io.undertow.protocols.http2.Http2StreamSourceChannel;
import io.undertow.server.HttpServerExchange;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * An HTTP/2 connection's reads on its I/O thread: work for the connection ({@code Http2Channel}), inside which
 * setting up a stream's request from its HEADERS is that request's handling (its exchange adopts it), as is
 * serving an h2c Upgrade's request again as stream 1. A stream whose headers break the protocol is reset
 * ({@code PROTOCOL_ERROR}) before an exchange is made for it: it is one that opens and ends failed.
 */
final class Http2ReceiveListenerInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("io.undertow.server.protocol.http2.Http2ReceiveListener");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("handleEvent").and(takesArguments(1)), ReadAdvice.class),
                new AdviceBinding(named("handleRequests").and(takesArguments(2)), RequestAdvice.class),
                new AdviceBinding(named("handleInitialRequest").and(takesArguments(3)), UpgradedRequestAdvice.class));
    }

    static final class ReadAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.Argument(0) Object channel) {
            return Slices.enterConnection(channel);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices) {
            Slices.exit(slices);
        }
    }

    static final class RequestAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter() {
            return Slices.enterPending();
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices, @Advice.Argument(0) Object channel,
                         @Advice.Argument(1) Http2StreamSourceChannel stream) {
            // The pending slice adopted no exchange: Undertow rejected the stream's headers.
            if (slices != null && Slices.current() == null) {
                UndertowExchanges.rejected(channel, stream.getStreamId());
            }
            Slices.exit(slices);
        }
    }

    static final class UpgradedRequestAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.Argument(0) HttpServerExchange upgraded) {
            UndertowExchanges.upgrading(upgraded.getRequestMethod().toString(), upgraded.getRequestURI());
            return Slices.enterPending();
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices) {
            UndertowExchanges.upgraded();
            Slices.exit(slices);
        }
    }
}
