package dev.httpmem.analysis.read;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import jdk.jfr.EventType;
import jdk.jfr.consumer.RecordedEvent;

/** Rejects events that lack fields the analysis reads, as an incompatible agent would write them. */
public final class EventCheck {
    private final Path recording;
    private final Set<Long> checkedTypes = new HashSet<>();
    /** The type checked last: most events are of the type before them, and this spares a lookup per event. */
    private EventType lastChecked;

    public EventCheck(Path recording) {
        this.recording = recording;
    }

    public void fields(RecordedEvent event, String... names) {
        EventType type = event.getEventType();
        if (type == lastChecked || !checkedTypes.add(type.getId())) {
            lastChecked = type;
            return;
        }
        lastChecked = type;
        for (String name : names) {
            if (type.getField(name) == null) {
                throw new AnalysisException(AnalysisException.Kind.UNSUPPORTED, "unsupported httpmem events in "
                        + recording + ": " + type.getName() + " has no field '" + name + "'");
            }
        }
    }
}
