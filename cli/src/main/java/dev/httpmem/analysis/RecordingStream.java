package dev.httpmem.analysis;

import static dev.httpmem.analysis.AnalysisException.Kind.NO_EVENTS;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import jdk.jfr.consumer.EventStream;

/**
 * One streaming pass over a recording in file order, with the JDK's errors made one line. Unsorted: sorting each
 * chunk by end time doubled the time a pass takes and held a chunk's events in memory. Each thread's events of one
 * kind come in the order it committed them; {@link SliceJoin} says what else the order promises.
 */
final class RecordingStream {

    private RecordingStream() {
    }

    /** @param subscribe registers the handlers of this pass */
    static void pass(CheckedRecording recording, Consumer<EventStream> subscribe) {
        AtomicReference<RuntimeException> handlerFailure = new AtomicReference<>();
        try (EventStream stream = EventStream.openFile(recording.readable())) {
            stream.setOrdered(false);
            subscribe.accept(stream);
            // Without this, the stream prints what a handler throws and goes on with the next event.
            stream.onError(e -> {
                handlerFailure.compareAndSet(null, e instanceof RuntimeException r ? r : new IllegalStateException(e));
                stream.close();
            });
            stream.start();
        } catch (IOException | RuntimeException e) {
            throw recording.parserFailure(reason(e));
        }
        if (handlerFailure.get() != null) {
            throw handlerFailure.get();
        }
    }

    static AnalysisException noHttpmemEvents(Path recording) {
        return new AnalysisException(NO_EVENTS, "no httpmem events in " + recording
                + "; record with: java -javaagent:httpmem-agent.jar=out=rec.jfr ..."
                + " (or enable httpmem.* events in your own recording)");
    }

    private static String reason(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
