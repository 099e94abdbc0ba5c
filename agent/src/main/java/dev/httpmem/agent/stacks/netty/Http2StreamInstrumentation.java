package dev.httpmem.agent.stacks.netty;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Exchanges;
import dev.httpmem.agent.runtime.Outcome;
import dev.httpmem.agent.stacks.Relocation;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import io.netty.handler.codec.http2.Http2Stream;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code DefaultHttp2Connection.DefaultStream}, the key of an HTTP/2 exchange: its construction opens the
 * exchange a request armed (see {@link PendingStream}); {@code close(Iterator)}, which every close reaches once
 * (end of stream both ways, RST_STREAM sent or received, GOAWAY, the connection closing), ends it.
 */
final class Http2StreamInstrumentation implements TypeInstrumentation {
    private final Relocation relocation;

    Http2StreamInstrumentation(Relocation relocation) {
        this.relocation = relocation;
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named(relocation.name("io.netty.handler.codec.http2.DefaultHttp2Connection$DefaultStream"));
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(
                new AdviceBinding(isConstructor(), ConstructorAdvice.class, relocation),
                new AdviceBinding(named("close").and(takesArguments(1)).and(takesArgument(0, named("java.util.Iterator"))),
                        CloseAdvice.class, relocation));
    }

    static final class ConstructorAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.This Object stream, @Advice.FieldValue("id") int streamId) {
            PendingStream.created(stream, streamId);
        }
    }

    static final class CloseAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Http2Stream stream) {
            Exchanges.end(stream, stream.isResetSent() ? Outcome.RESET : Outcome.CLOSED);
        }
    }
}
