package dev.httpmem.agent.stacks.jdkhttp;

import dev.httpmem.agent.stacks.StackInstrumentation;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;

/**
 * The JDK's {@code com.sun.net.httpserver} (module jdk.httpserver), HTTP/1.1 and HTTPS: an exchange is an
 * {@code ExchangeImpl}, from its creation for a parsed request to the end of its response's write, or its
 * connection's close. Its classes are the platform loader's, so the advice calls the runtime on the bootstrap
 * class path and nothing of the agent besides.
 */
public final class JdkHttpServerInstrumentation implements StackInstrumentation {
    static final String STACK = "jdkhttp";

    @Override
    public String name() {
        return STACK;
    }

    @Override
    public String presenceClass() {
        return "sun.net.httpserver.ServerImpl";
    }

    @Override
    public List<String> landmarkClasses() {
        return List.of("sun.net.httpserver.ExchangeImpl", "sun.net.httpserver.FixedLengthOutputStream");
    }

    @Override
    public String supportedVersions() {
        return "JDK 17 and later";
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations() {
        return List.of(new ServerExchangeTaskInstrumentation(), new ExchangeImplInstrumentation(),
                new FixedLengthOutputStreamInstrumentation(), new StreamedOutputStreamInstrumentation(),
                new WriteFinishedEventInstrumentation(), new HttpConnectionInstrumentation());
    }

    @Override
    public boolean needsBootstrapRuntime() {
        return true;
    }
}
