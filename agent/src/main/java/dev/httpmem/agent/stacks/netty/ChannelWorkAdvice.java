package dev.httpmem.agent.stacks.netty;

import dev.httpmem.agent.runtime.Slices;
import io.netty.channel.Channel;
import net.bytebuddy.asm.Advice;

/**
 * Work of a channel's unsafe on its event loop, for the connection the channel is: its exchanges' slices entered
 * inside (a decoder opening a request, a stream's handler) take their own bytes.
 */
final class ChannelWorkAdvice {
    private ChannelWorkAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Slices enter(@Advice.FieldValue("this$0") Channel channel) {
        return Slices.enterConnection(channel);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
    static void exit(@Advice.Enter Slices slices) {
        Slices.exit(slices);
    }
}
