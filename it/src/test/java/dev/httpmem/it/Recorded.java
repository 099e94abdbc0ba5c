package dev.httpmem.it;

import dev.httpmem.schema.EventNames;
import dev.httpmem.schema.ExchangeFields;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/** httpmem's events in a recording, as the tests look at them. */
record Recorded(List<RecordedEvent> exchanges, List<RecordedEvent> frames, List<RecordedEvent> bodyWrites,
                List<RecordedEvent> slices, RecordedEvent lastStatistics) {

    static Recorded read(Path recording) throws IOException {
        List<RecordedEvent> exchanges = new ArrayList<>();
        List<RecordedEvent> frames = new ArrayList<>();
        List<RecordedEvent> bodyWrites = new ArrayList<>();
        List<RecordedEvent> slices = new ArrayList<>();
        RecordedEvent statistics = null;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                switch (event.getEventType().getName()) {
                    case EventNames.EXCHANGE -> exchanges.add(event);
                    case EventNames.FRAME_WRITE -> frames.add(event);
                    case EventNames.BODY_WRITE -> bodyWrites.add(event);
                    case EventNames.SLICE -> slices.add(event);
                    case EventNames.AGENT_STATISTICS -> {
                        if (statistics == null || event.getStartTime().isAfter(statistics.getStartTime())) {
                            statistics = event;
                        }
                    }
                    default -> { }
                }
            }
        }
        return new Recorded(exchanges, frames, bodyWrites, slices, statistics);
    }

    List<RecordedEvent> exchanges(String protocol) {
        return exchanges.stream().filter(e -> protocol.equals(e.getString(ExchangeFields.PROTOCOL))).toList();
    }
}
