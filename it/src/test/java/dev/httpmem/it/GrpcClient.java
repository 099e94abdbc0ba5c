package dev.httpmem.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;

/**
 * gRPC-java's own client (grpc-netty-shaded) on one connection to the gRPC example, whose service
 * {@code httpmem.Example} takes a number in decimal text and answers raw bytes: {@code Alloc} allocates that many
 * bytes, {@code Body} answers that many, {@code Stream} answers that many messages of 1 KiB.
 */
final class GrpcClient implements AutoCloseable {
    static final String SERVICE = "httpmem.Example";
    static final MethodDescriptor<byte[], byte[]> ALLOC = method("Alloc", MethodDescriptor.MethodType.UNARY);
    static final MethodDescriptor<byte[], byte[]> BODY = method("Body", MethodDescriptor.MethodType.UNARY);
    static final MethodDescriptor<byte[], byte[]> STREAM = method("Stream", MethodDescriptor.MethodType.SERVER_STREAMING);
    /** What a message costs on the wire beyond its bytes: gRPC's compressed flag and length. */
    static final int MESSAGE_PREFIX = 5;
    static final int STREAM_MESSAGE_BYTES = 1024;

    private final ManagedChannel channel;

    GrpcClient(int port) {
        channel = Grpc.newChannelBuilderForAddress("127.0.0.1", port, InsecureChannelCredentials.create())
                .maxInboundMessageSize(64 << 20)
                .build();
    }

    /** {@code calls} unary calls of {@code method} with {@code number}, {@code concurrency} at a time, each answered. */
    void unary(MethodDescriptor<byte[], byte[]> method, long number, int calls, int concurrency) throws Exception {
        Deque<ListenableFuture<byte[]>> running = new ArrayDeque<>();
        for (int sent = 0; sent < calls; sent++) {
            if (running.size() == concurrency) {
                running.removeFirst().get(30, TimeUnit.SECONDS);
            }
            running.addLast(ClientCalls.futureUnaryCall(channel.newCall(method, CallOptions.DEFAULT), request(number)));
        }
        for (ListenableFuture<byte[]> call : running) {
            call.get(30, TimeUnit.SECONDS);
        }
    }

    /** A server-streaming call of {@code Stream} for {@code messages} messages, each checked. */
    void stream(int messages) {
        Iterator<byte[]> answers = ClientCalls.blockingServerStreamingCall(channel, STREAM, CallOptions.DEFAULT, request(messages));
        int received = 0;
        while (answers.hasNext()) {
            assertEquals(STREAM_MESSAGE_BYTES, answers.next().length, "message size");
            received++;
        }
        assertEquals(messages, received, "messages");
    }

    @Override
    public void close() {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(10, TimeUnit.SECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] request(long number) {
        return Long.toString(number).getBytes(StandardCharsets.US_ASCII);
    }

    private static MethodDescriptor<byte[], byte[]> method(String name, MethodDescriptor.MethodType type) {
        return MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(type)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, name))
                .setRequestMarshaller(RawBytes.INSTANCE)
                .setResponseMarshaller(RawBytes.INSTANCE)
                .build();
    }

    private enum RawBytes implements MethodDescriptor.Marshaller<byte[]> {
        INSTANCE;

        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
