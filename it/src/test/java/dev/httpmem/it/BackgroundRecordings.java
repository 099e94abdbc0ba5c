package dev.httpmem.it;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A test class's recordings, made two at a time in the background from its start, each test waiting for its own: a
 * forked server's run spends much of its time waiting for its forced GCs and its client's answers, so two share CI's
 * two cores well.
 */
final class BackgroundRecordings implements AutoCloseable {
    private final ExecutorService twoAtATime = Executors.newFixedThreadPool(2);
    private final Map<String, Future<Path>> recordings = new ConcurrentHashMap<>();

    /** Starts making the recording so named once one of the two before it is done. */
    void schedule(String name, Callable<Path> recording) {
        recordings.put(name, twoAtATime.submit(recording));
    }

    /** The recording so named, once made; what failed in making it fails the test that reads it. */
    Path get(String name) throws Exception {
        Future<Path> recording = recordings.get(name);
        if (recording == null) {
            throw new IllegalStateException("no recording named " + name + " was scheduled");
        }
        try {
            return recording.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Stops what is still running (the test class failed before reading it). */
    @Override
    public void close() {
        twoAtATime.shutdownNow();
    }
}
