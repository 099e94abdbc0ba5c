package dev.httpmem.agent.stacks.jdkclient;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Connections;
import dev.httpmem.agent.runtime.Exchange;
import dev.httpmem.agent.runtime.Exchanges;
import dev.httpmem.agent.runtime.InboundFrames;
import dev.httpmem.agent.runtime.Outcome;
import dev.httpmem.agent.runtime.Role;
import dev.httpmem.agent.runtime.SliceKind;
import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.KeyedWorkAdvice;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.net.http.HttpRequest;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * One HTTP/2 stream: created for a request on an HTTP/2 connection (an h2c Upgrade's stream 1 inside the
 * connection's creation, before any frame of the server's can arrive), numbered as its HEADERS go out. Its own
 * steps, the frames the connection hands it and the delivery of its body to the application's subscriber are
 * slices of it. It has its whole response once the server's END_STREAM was delivered, and ends as the connection
 * lets go of it ({@link Http2ConnectionInstrumentation}), or at once when reset either way, cancelled, or when its
 * connection goes.
 */
final class StreamInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("jdk.internal.net.http.Stream");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(
                new AdviceBinding(isConstructor().and(takesArguments(3)), OpenAdvice.class),
                new AdviceBinding(named("registerStream").and(takesArguments(2)), RegisterAdvice.class),
                new AdviceBinding(named("sendHeadersAsync").or(named("sendBodyAsync")).or(named("getResponseAsync"))
                        .or(named("readBodyAsync")).or(named("ignoreBody")).or(named("schedule")), KeyedWorkAdvice.class),
                new AdviceBinding(named("incoming").and(takesArguments(1)), IncomingAdvice.class),
                new AdviceBinding(named("completeResponse").and(takesArguments(1)), ResponseAdvice.class),
                new AdviceBinding(named("setEndStreamReceived").and(takesArguments(0)), EndStreamAdvice.class),
                new AdviceBinding(named("handleReset").and(takesArguments(2)), ResetAdvice.class),
                new AdviceBinding(named("cancelImpl").and(takesArguments(2)), CancelAdvice.class),
                new AdviceBinding(named("connectionClosing").and(takesArguments(1)), ConnectionClosingAdvice.class));
    }

    static final class OpenAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object stream, @Advice.FieldValue("connection") Object connection,
                         @Advice.FieldValue("request") HttpRequest request) {
            // Numbered once its HEADERS go out (RegisterAdvice).
            Exchange opened = Exchanges.open(stream, JdkHttpClientInstrumentation.STACK, Role.CLIENT, Exchange.HTTP_2,
                    Connections.of(connection, JdkHttpClientInstrumentation.STACK), 0, request.method(), request.uri().getRawPath());
            Slices.adopt(opened);
        }
    }

    static final class RegisterAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object stream, @Advice.Argument(0) int streamId) {
            Exchanges.streamId(stream, streamId);
        }
    }

    /** A frame of the stream's, its header parsed last on this thread: a DATA frame's payload is response body. */
    static final class IncomingAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.This Object stream, @Advice.FieldValue("streamid") int streamId) {
            Slices slices = Slices.enterExchangeOf(stream, SliceKind.HANDLE);
            if (slices != null) {
                Slices.bodyRead(InboundFrames.takeData(streamId));
            }
            return slices;
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices) {
            Slices.exit(slices);
        }
    }

    static final class ResponseAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object stream, @Advice.FieldValue("responseCode") int status) {
            Exchanges.status(stream, status);
        }
    }

    static final class EndStreamAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object stream) {
            Exchanges.responseRead(stream);
        }
    }

    /** The server reset the stream: a response it had sent whole counts as complete all the same. */
    static final class ResetAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object stream) {
            Exchanges.end(stream, Outcome.RESET);
        }
    }

    /** A timeout, the application, or a protocol error cancelled it: the client resets it if it was sent. */
    static final class CancelAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object stream, @Advice.Argument(0) Throwable cause) {
            Exchanges.failed(stream, cause);
            Exchanges.end(stream, Outcome.RESET);
        }
    }

    static final class ConnectionClosingAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object stream) {
            Exchanges.end(stream, Outcome.CLOSED);
        }
    }
}
