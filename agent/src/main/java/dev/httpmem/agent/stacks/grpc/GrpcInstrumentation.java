package dev.httpmem.agent.stacks.grpc;

import dev.httpmem.agent.stacks.StackInstrumentation;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;

/**
 * gRPC-java servers, on {@code grpc-netty} or {@code grpc-netty-shaded}: each call is an HTTP/2 stream, which the
 * {@code netty} stack makes an exchange of (its endpoint is the stream's path, {@code /package.Service/Method}). What
 * gRPC adds is the hop to the call's executor, where the service's methods run: every step of a call is a task
 * made on the event loop and run on the executor, and each runs as a slice of the call's exchange.
 */
public final class GrpcInstrumentation implements StackInstrumentation {
    @Override
    public String name() {
        return "grpc";
    }

    @Override
    public String presenceClass() {
        return "io.grpc.internal.ContextRunnable";
    }

    @Override
    public List<String> landmarkClasses() {
        // The call listener that hands each step to the executor, and the server credentials API of gRPC 1.x since
        // 1.34; gRPC 2 would be another line.
        return List.of("io.grpc.internal.ServerImpl$JumpToApplicationThreadServerStreamListener",
                "io.grpc.InsecureServerCredentials");
    }

    @Override
    public String supportedVersions() {
        return "gRPC-java 1.x (tested: 1.82 to 1.85)";
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations() {
        return List.of(new ContextRunnableInstrumentation());
    }
}
