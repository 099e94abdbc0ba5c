package dev.httpmem.examples.clients;

import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The driver's calls through gRPC-java's client on one channel: unary calls of the gRPC example's
 * {@code httpmem.Example/Body}, whose request is the body size in decimal text and whose answer is that many raw
 * bytes. Its callbacks run on the event loop ({@code directExecutor}), where the response is read.
 */
final class GrpcCalls {
    private static final MethodDescriptor<byte[], byte[]> BODY = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(MethodDescriptor.generateFullMethodName("httpmem.Example", "Body"))
            .setRequestMarshaller(RawBytes.INSTANCE)
            .setResponseMarshaller(RawBytes.INSTANCE)
            .build();
    private static final int MAX_MESSAGE = 64 << 20;

    private GrpcCalls() {}

    /** Makes the calls, {@link ClientDriver.Options#concurrency} at a time, and returns how many failed. */
    static long run(ClientDriver.Options options) throws InterruptedException {
        ManagedChannel channel = Grpc.newChannelBuilderForAddress(options.url().getHost(), options.url().getPort(),
                InsecureChannelCredentials.create()).maxInboundMessageSize(MAX_MESSAGE).directExecutor().build();
        byte[] request = Integer.toString(options.bodySize()).getBytes(StandardCharsets.US_ASCII);
        Semaphore running = new Semaphore(options.concurrency());
        AtomicLong failed = new AtomicLong();
        try {
            for (int i = 0; i < options.requests(); i++) {
                running.acquire();
                ClientCalls.asyncUnaryCall(channel.newCall(BODY, CallOptions.DEFAULT), request, new StreamObserver<>() {
                    @Override
                    public void onNext(byte[] body) {
                        options.handle(body, true);
                    }

                    @Override
                    public void onError(Throwable thrown) {
                        failed.incrementAndGet();
                        running.release();
                    }

                    @Override
                    public void onCompleted() {
                        running.release();
                    }
                });
            }
            running.acquire(options.concurrency());
        } finally {
            channel.shutdown();
            channel.awaitTermination(10, TimeUnit.SECONDS);
        }
        return failed.get();
    }

    /** Messages as they are on the wire. */
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
