package dev.httpmem.agent.stacks.netty;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Http1Pipeline;
import dev.httpmem.agent.runtime.Role;
import dev.httpmem.agent.runtime.SliceKind;
import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.Relocation;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.AttributeKey;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The application's handling of decoded HTTP/1.1 messages: a handle slice around every batch the connection's
 * request decoder (a server's) or response decoder (a client's) passes on. A batch holds the messages of one decode
 * call, which never spans two requests or responses: a request is its own exchange's, body content belongs to the
 * request being read; a response and its content are the oldest request's, which ends once the batch with its last
 * content is handled. Other decoders' batches (TLS, HTTP/2) are left alone. And as the channel goes inactive, the
 * HTTP/1.1 exchanges still open on it end, closed. This class is in netty-codec (netty-codec-base in 4.2), which
 * need not see the HTTP classes: the advice tells the request decoder by its context.
 */
final class ByteToMessageDecoderInstrumentation implements TypeInstrumentation {
    private final Relocation relocation;

    ByteToMessageDecoderInstrumentation(Relocation relocation) {
        this.relocation = relocation;
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named(relocation.name("io.netty.handler.codec.ByteToMessageDecoder"));
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("fireChannelRead").and(isStatic()).and(takesArguments(3)),
                        FireChannelReadAdvice.class, relocation),
                new AdviceBinding(named("channelInactive").and(takesArguments(1)), ChannelInactiveAdvice.class, relocation));
    }

    /**
     * A channel gone inactive ends its open HTTP/1.1 exchanges. {@code HttpObjectDecoder.handlerRemoved0} does so
     * too, where there is one (4.1.88+): it also covers a decoder leaving a live channel (a protocol switch), but
     * comes later, as the closed channel deregisters. At the exit of a decoder's {@code channelInactive}, every
     * decoder after it in the pipeline has read its last (a response read until the connection closed is whole) and
     * the application has handled it; whichever decoder on the channel exits first ends them.
     */
    static final class ChannelInactiveAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Argument(0) ChannelHandlerContext ctx) {
            Channel channel = ctx.channel();
            AttributeKey<Object> key = AttributeKey.valueOf(NettyKeys.HTTP1_PIPELINE);
            if (channel.hasAttr(key) && channel.attr(key).getAndSet(null) instanceof Http1Pipeline http1Pipeline) {
                http1Pipeline.close();
            }
        }
    }

    static final class FireChannelReadAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        @SuppressWarnings("UnusedVariable") // the exit advice reads the local this one sets
        static Slices enter(@Advice.Argument(0) ChannelHandlerContext ctx, @Advice.Argument(2) int count,
                            @Advice.Local("pipeline") Http1Pipeline pipeline) {
            if (count <= 0) {
                return null;
            }
            Channel channel = ctx.channel();
            AttributeKey<Object> key = AttributeKey.valueOf(NettyKeys.HTTP1_PIPELINE);
            if (!channel.hasAttr(key)) {
                return null;
            }
            Object attached = channel.attr(key).get();
            if (!(attached instanceof Http1Pipeline http1Pipeline) || !http1Pipeline.readBy(ctx)) {
                return null;
            }
            // A server's decoder opened the exchange of a request it decoded before passing it on; a client's
            // decoded a response to its oldest request.
            if (http1Pipeline.role() == Role.SERVER) {
                return Slices.enter(http1Pipeline.requestExchange(), SliceKind.HANDLE);
            }
            pipeline = http1Pipeline;
            return Slices.enter(http1Pipeline.responseExchange(), SliceKind.HANDLE);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices, @Advice.Local("pipeline") Http1Pipeline pipeline) {
            Slices.exit(slices);
            if (pipeline != null) {
                pipeline.responseHandled();
            }
        }
    }
}
