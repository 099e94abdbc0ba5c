package dev.httpmem.examples.grpc;

import dev.httpmem.examples.common.ExampleServerOptions;
import dev.httpmem.examples.common.Scenario;
import dev.httpmem.examples.common.ScenarioHooks;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerCredentials;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;

/**
 * A gRPC-java server on Netty, over plaintext HTTP/2 (h2c with prior knowledge, as gRPC speaks it), serving
 * {@link ExampleService}. The same sources build against {@code grpc-netty-shaded} (this module) and
 * {@code grpc-netty} (examples/grpc-netty), whichever transport is on the class path.
 */
public final class GrpcExampleServer {
    static final String STACK = "grpc";
    /** The transports' builders, shaded first: only one is on an example's class path. */
    private static final String[] BUILDERS = {
        "io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder", "io.grpc.netty.NettyServerBuilder"};

    private GrpcExampleServer() {}

    public static void main(String[] args) throws Exception {
        ExampleServerOptions options = ExampleServerOptions.parseOrExit(STACK, args);
        ScenarioHooks hooks = ScenarioHooks.of(options, STACK, EnumSet.of(Scenario.H2_BODY_RETENTION));
        Server server = builder(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()))
                .addService(ExampleService.definition(hooks))
                .build()
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            try {
                server.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "grpc-stop"));
        System.out.println(ExampleServerOptions.readyLine(STACK, server.getPort(), 0));
        System.out.flush();
        server.awaitTermination();
    }

    /**
     * A server bound to {@code address} alone: gRPC's transport-neutral builder binds every interface, so the
     * transport's own builder is found by name.
     */
    private static ServerBuilder<?> builder(SocketAddress address) throws ReflectiveOperationException {
        for (String name : BUILDERS) {
            Class<?> builder;
            try {
                builder = Class.forName(name);
            } catch (ClassNotFoundException absent) {
                continue;
            }
            return (ServerBuilder<?>) builder.getMethod("forAddress", SocketAddress.class, ServerCredentials.class)
                    .invoke(null, address, InsecureServerCredentials.create());
        }
        throw new ClassNotFoundException("no gRPC Netty transport on the class path: " + String.join(", ", BUILDERS));
    }
}
