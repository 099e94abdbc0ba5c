package dev.httpmem.it;

import java.nio.file.Path;
import java.util.Optional;

/** Attach and watch with server and CLI on JDK 17. */
class AttachWatchOnJdk17IT extends AbstractAttachWatchIT {
    @Override
    String name() {
        return "attach-watch-jdk17";
    }

    @Override
    Optional<Path> javaHome() {
        return Optional.of(Jdks.current());
    }
}
