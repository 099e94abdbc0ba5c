package dev.httpmem.agent.stacks;

import dev.httpmem.agent.stacks.jetty.JettyInstrumentation;
import dev.httpmem.agent.stacks.netty.NettyInstrumentation;
import java.util.List;

/** Every stack httpmem knows. */
public final class Stacks {
    private Stacks() {}

    public static List<StackInstrumentation> all() {
        return List.of(new JettyInstrumentation(), new NettyInstrumentation());
    }
}
