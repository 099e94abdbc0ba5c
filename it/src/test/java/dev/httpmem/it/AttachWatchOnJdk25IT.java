package dev.httpmem.it;

import java.nio.file.Path;
import java.util.Optional;

/** Attach and watch with server and CLI on JDK 25, which warns about agents loaded at run time. */
class AttachWatchOnJdk25IT extends AbstractAttachWatchIT {
    @Override
    String name() {
        return "attach-watch-jdk25";
    }

    @Override
    Optional<Path> javaHome() {
        return Jdks.jdk25();
    }
}
