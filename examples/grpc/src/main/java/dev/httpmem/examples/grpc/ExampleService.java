package dev.httpmem.examples.grpc;

import dev.httpmem.examples.common.Allocations;
import dev.httpmem.examples.common.Bodies;
import dev.httpmem.examples.common.ScenarioHooks;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Service {@code httpmem.Example}, with raw bytes for messages (no protobuf, so no generated code): a request is
 * a number in decimal text.
 * <ul>
 * <li>{@code Alloc} (unary): allocates exactly N bytes and answers {@code ok}, the ground truth for accuracy tests;
 * <li>{@code Body} (unary): answers N bytes of JSON, which h2-body-retention keeps a share of in its leaky mode;
 * <li>{@code Stream} (server streaming): answers N messages of 1 KiB.
 * </ul>
 */
public final class ExampleService {
    public static final String SERVICE = "httpmem.Example";
    public static final MethodDescriptor<byte[], byte[]> ALLOC = method("Alloc", MethodDescriptor.MethodType.UNARY);
    public static final MethodDescriptor<byte[], byte[]> BODY = method("Body", MethodDescriptor.MethodType.UNARY);
    public static final MethodDescriptor<byte[], byte[]> STREAM = method("Stream", MethodDescriptor.MethodType.SERVER_STREAMING);
    private static final byte[] OK = "ok".getBytes(StandardCharsets.US_ASCII);
    private static final int STREAM_MESSAGE_BYTES = 1024;

    private ExampleService() {}

    static ServerServiceDefinition definition(ScenarioHooks hooks) {
        return ServerServiceDefinition.builder(SERVICE)
                .addMethod(ALLOC, ServerCalls.asyncUnaryCall((request, response) -> {
                    long bytes = number(request, response, Integer.MAX_VALUE);
                    if (bytes >= 0) {
                        Allocations.allocate(bytes);
                        reply(response, OK);
                    }
                }))
                .addMethod(BODY, ServerCalls.asyncUnaryCall((request, response) -> {
                    long size = number(request, response, Bodies.MAX_SIZE);
                    if (size >= 0) {
                        byte[] body = Bodies.json((int) size);
                        hooks.writingHttp2Body(body);
                        reply(response, body);
                    }
                }))
                .addMethod(STREAM, ServerCalls.asyncServerStreamingCall((request, response) -> {
                    long messages = number(request, response, Integer.MAX_VALUE);
                    for (long i = 0; i < messages; i++) {
                        response.onNext(Bodies.json(STREAM_MESSAGE_BYTES));
                    }
                    if (messages >= 0) {
                        response.onCompleted();
                    }
                }))
                .build();
    }

    /** The request's number; -1, with the call failed as INVALID_ARGUMENT, when it is not one from 0 to max. */
    private static long number(byte[] request, StreamObserver<byte[]> response, long max) {
        String text = new String(request, StandardCharsets.US_ASCII);
        try {
            long number = Long.parseLong(text);
            if (number >= 0 && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        response.onError(Status.INVALID_ARGUMENT.withDescription("not a number from 0 to " + max + ": " + text).asRuntimeException());
        return -1;
    }

    private static void reply(StreamObserver<byte[]> response, byte[] message) {
        response.onNext(message);
        response.onCompleted();
    }

    private static MethodDescriptor<byte[], byte[]> method(String name, MethodDescriptor.MethodType type) {
        return MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(type)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, name))
                .setRequestMarshaller(RawBytes.INSTANCE)
                .setResponseMarshaller(RawBytes.INSTANCE)
                .build();
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
