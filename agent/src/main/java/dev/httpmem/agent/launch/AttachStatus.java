package dev.httpmem.agent.launch;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code agentmain} did, written as one line {@code STATE message} to the file {@code status=} names:
 * the Attach API gives the CLI no other way to hear back. {@code httpmem attach} parses this line.
 */
record AttachStatus(State state, String message) {
    enum State { STARTED, RUNNING, STOPPED, INSTALLED, FAILED }

    /** Never throws: the status is a courtesy to the CLI, not a reason to disturb the application. */
    void writeTo(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.writeString(file, state.name().toLowerCase(java.util.Locale.ROOT) + " "
                    + message.replace('\n', ' ') + "\n", StandardCharsets.UTF_8);
        } catch (Exception | LinkageError e) {
            System.err.println("[httpmem] cannot write the attach status to " + file + ": " + e);
        }
    }
}
