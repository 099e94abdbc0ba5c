package dev.httpmem.load;

import dev.httpmem.load.LoadDriver.Protocol;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Requests that misbehave ({@link Misbehaviour}), taking turns, each on a connection of its own, over cleartext:
 * HTTP/1.1 as bytes on a socket, HTTP/2 with prior knowledge ({@link Http2Socket}). A request fails when the server
 * did not begin to answer it before the client misbehaved; whatever the server does after that (closing, resetting)
 * is its answer to the misbehaviour, not a failure.
 */
public final class MisbehavingClient {
    /** How long a slow reader reads before it gives up and resets its connection. */
    private static final long SLOW_READ_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long SLOW_READ_PAUSE_MILLIS = 2;
    private static final int SLOW_READ_BYTES = 1024;
    private static final int SLOW_STREAM_WINDOW = 1024;
    private static final int SLOW_RECEIVE_BUFFER = 4096;

    /** {@code requests} misbehaving requests, {@code concurrency} at a time, to {@code targets} round robin. */
    public record Plan(Protocol protocol, List<URI> targets, int requests, int concurrency) {
        public Plan {
            targets = List.copyOf(targets);
            if (targets.isEmpty() || requests < 1 || concurrency < 1) {
                throw new IllegalArgumentException("a plan needs targets, requests and concurrency: " + this);
            }
            if (targets.stream().anyMatch(t -> !"http".equalsIgnoreCase(t.getScheme()))) {
                throw new IllegalArgumentException("misbehaving requests go over cleartext (http://): " + targets);
            }
        }
    }

    /** {@code done} counts each misbehaviour shown; {@code firstFailure} says why the first of {@code failed} failed. */
    public record Result(Map<Misbehaviour, Integer> done, int failed, String firstFailure) {
        public Result {
            done = Collections.unmodifiableMap(new EnumMap<>(done));
        }
    }

    private MisbehavingClient() {}

    public static Result run(Plan plan) throws InterruptedException {
        List<Misbehaviour> turns = Misbehaviour.of(plan.protocol());
        Map<Misbehaviour, AtomicInteger> done = new EnumMap<>(Misbehaviour.class);
        turns.forEach(m -> done.put(m, new AtomicInteger()));
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        int concurrency = Math.min(plan.concurrency(), plan.requests());
        ExecutorService workers = Executors.newFixedThreadPool(concurrency, runnable -> {
            Thread thread = new Thread(runnable, "httpmem-misbehaving-client");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                running.add(workers.submit(() -> {
                    for (int n = next.getAndIncrement(); n < plan.requests(); n = next.getAndIncrement()) {
                        Misbehaviour misbehaviour = turns.get(n % turns.size());
                        URI target = plan.targets().get(n % plan.targets().size());
                        try {
                            misbehave(plan.protocol(), misbehaviour, target);
                            done.get(misbehaviour).incrementAndGet();
                        } catch (IOException e) {
                            failed.incrementAndGet();
                            firstFailure.compareAndSet(null, misbehaviour.label + " " + target + ": " + e);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : running) {
                worker.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a misbehaving client failed", e.getCause());
        } finally {
            workers.shutdownNow();
        }
        Map<Misbehaviour, Integer> counts = new EnumMap<>(Misbehaviour.class);
        done.forEach((m, n) -> counts.put(m, n.get()));
        return new Result(counts, failed.get(), firstFailure.get());
    }

    private static void misbehave(Protocol protocol, Misbehaviour misbehaviour, URI target) throws IOException {
        if (protocol == Protocol.HTTP_2) {
            switch (misbehaviour) {
                case CANCEL -> cancel(target);
                case GO_AWAY -> goAway(target);
                case DISCONNECT -> disconnectHttp2(target);
                case SLOW_READER -> slowHttp2(target);
            }
        } else {
            switch (misbehaviour) {
                case DISCONNECT -> disconnectHttp1(target);
                case SLOW_READER -> slowHttp1(target);
                default -> throw new IllegalArgumentException(misbehaviour + " is not an HTTP/1.1 misbehaviour");
            }
        }
    }

    /** Stream 1 reset once answered; stream 3 then read to its end on the same connection. */
    private static void cancel(URI target) throws IOException {
        try (Http2Socket connection = Http2Socket.open(target, Http2Socket.MAX_WINDOW, 0)) {
            connection.request(1, target);
            awaitAnswer(connection, 1);
            connection.cancel(1);
            connection.request(3, target);
            for (Http2Socket.Frame frame = connection.read(); !ends(frame, 3); frame = connection.read()) {
                failOnGoAway(frame);
            }
            connection.goAway();
        }
    }

    /**
     * GOAWAY once stream 1's answer began, with stream 3 still in flight most often: the server may finish both, and
     * then closes.
     */
    private static void goAway(URI target) throws IOException {
        try (Http2Socket connection = Http2Socket.open(target, Http2Socket.MAX_WINDOW, 0)) {
            connection.request(1, target);
            connection.request(3, target);
            Http2Socket.Frame answer = awaitAnswer(connection, 1);
            connection.goAway();
            int open = answer.endsStream() ? 1 : 2;
            try {
                while (open > 0) {
                    Http2Socket.Frame frame = connection.read();
                    if (ends(frame, 1) || ends(frame, 3)) {
                        open--;
                    }
                }
            } catch (IOException e) {
                // The server closed the connection once it read the GOAWAY: its answer, not a failure.
            }
        }
    }

    private static void disconnectHttp2(URI target) throws IOException {
        Http2Socket connection = Http2Socket.open(target, Http2Socket.MAX_WINDOW, 0);
        try {
            connection.request(1, target);
            awaitAnswer(connection, 1);
        } finally {
            connection.abort();
        }
    }

    /** Stream 1 through a 1 KiB window, each DATA frame acknowledged after a pause. */
    private static void slowHttp2(URI target) throws IOException {
        Http2Socket connection = Http2Socket.open(target, SLOW_STREAM_WINDOW, SLOW_RECEIVE_BUFFER);
        boolean ended = false;
        try {
            connection.request(1, target);
            awaitAnswer(connection, 1);
            long deadline = System.nanoTime() + SLOW_READ_NANOS;
            for (Http2Socket.Frame frame = connection.read(); !ends(frame, 1); frame = connection.read()) {
                failOnGoAway(frame);
                if (frame.type() == Http2Socket.DATA && frame.length() > 0) {
                    pause();
                    connection.windowUpdate(1, frame.length());
                    connection.windowUpdate(0, frame.length());
                }
                if (System.nanoTime() > deadline) {
                    return; // reset below: a reader this slow is gone as far as the server can tell
                }
            }
            connection.goAway();
            ended = true;
        } finally {
            if (ended) {
                connection.close();
            } else {
                connection.abort();
            }
        }
    }

    private static void disconnectHttp1(URI target) throws IOException {
        Socket socket = Http2Socket.connect(target, 0);
        try {
            send(socket, target, false);
            if (socket.getInputStream().read() < 0) {
                throw new EOFException("the server closed the connection without answering");
            }
        } finally {
            socket.setSoLinger(true, 0);
            socket.close();
        }
    }

    /** The response read 1 KiB at a time through a small socket buffer, with a pause after each read. */
    private static void slowHttp1(URI target) throws IOException {
        try (Socket socket = Http2Socket.connect(target, SLOW_RECEIVE_BUFFER)) {
            send(socket, target, true);
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[SLOW_READ_BYTES];
            if (in.read(buffer) < 0) {
                throw new EOFException("the server closed the connection without answering");
            }
            long deadline = System.nanoTime() + SLOW_READ_NANOS;
            while (System.nanoTime() < deadline) {
                pause();
                if (in.read(buffer) < 0) {
                    return;
                }
            }
            socket.setSoLinger(true, 0); // still not read to its end: gone as far as the server can tell
        }
    }

    private static void send(Socket socket, URI target, boolean close) throws IOException {
        String request = "GET " + Http2Socket.pathAndQuery(target) + " HTTP/1.1\r\n"
                + "Host: " + Http2Socket.authority(target) + "\r\n"
                + (close ? "Connection: close\r\n" : "") + "\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /**
     * Reads until the server answers {@code stream}, which fails when it resets the stream or goes away instead.
     *
     * @return the first frame of its answer
     */
    private static Http2Socket.Frame awaitAnswer(Http2Socket connection, int stream) throws IOException {
        Http2Socket.Frame frame = connection.read();
        for (; !frame.answers(stream); frame = connection.read()) {
            failOnGoAway(frame);
            failOnReset(frame, stream);
        }
        return frame;
    }

    /** Whether {@code frame} ends {@code stream}, which fails when the server reset it. */
    private static boolean ends(Http2Socket.Frame frame, int stream) throws IOException {
        failOnReset(frame, stream);
        return frame.stream() == stream && frame.endsStream();
    }

    private static void failOnReset(Http2Socket.Frame frame, int stream) throws IOException {
        if (frame.stream() == stream && frame.type() == Http2Socket.RST_STREAM) {
            throw new IOException("the server reset stream " + stream + " (error " + frame.errorCode() + ")");
        }
    }

    private static void failOnGoAway(Http2Socket.Frame frame) throws IOException {
        if (frame.type() == Http2Socket.GOAWAY) {
            throw new IOException("the server sent GOAWAY (error " + frame.errorCode() + ")");
        }
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(SLOW_READ_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
