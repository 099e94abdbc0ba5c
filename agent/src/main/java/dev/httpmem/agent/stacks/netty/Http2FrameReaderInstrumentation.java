package dev.httpmem.agent.stacks.netty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;

import dev.httpmem.agent.stacks.PendingExchangeAdvice;
import dev.httpmem.agent.stacks.Relocation;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Reading a HEADERS frame (or its last CONTINUATION): HPACK decoding, then the listener that creates the stream
 * for a new request, which opens the exchange ({@link PendingStream}) and takes the decoding with it.
 */
final class Http2FrameReaderInstrumentation implements TypeInstrumentation {
    private final Relocation relocation;

    Http2FrameReaderInstrumentation(Relocation relocation) {
        this.relocation = relocation;
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named(relocation.name("io.netty.handler.codec.http2.DefaultHttp2FrameReader"));
    }

    @Override
    public List<AdviceBinding> advice() {
        // Any arity: until 4.1.108 both took the payload's end index as well (4 and 3 arguments, then 3 and 2), and
        // the advice reads none of them.
        return List.of(new AdviceBinding(namedOneOf("readHeadersFrame", "readContinuationFrame"),
                PendingExchangeAdvice.class, relocation));
    }
}
