package dev.httpmem.it;

/** Netty's clients (Reactor Netty 1.2's HttpClient on the Netty 4.1 it ships with, gRPC-java's on grpc-netty-shaded) on JDK 25. */
class NettyClientsOnJdk25IT extends AbstractNettyClientSuiteIT {
    NettyClientsOnJdk25IT() {
        super(Jdk.JDK_25);
    }
}
