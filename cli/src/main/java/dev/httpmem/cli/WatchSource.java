package dev.httpmem.cli;

import java.nio.file.Path;
import jdk.jfr.consumer.EventStream;

/** Where {@code httpmem watch} reads events from, and what it must do when the watch ends. */
interface WatchSource extends AutoCloseable {
    EventStream stream();

    /** For the first line the watch prints, e.g. {@code process 4711}. */
    String description();

    /** True once the watched JVM is gone: nothing more will come. */
    boolean ended();

    /** Writes what the watch saw to {@code out}, whole or not at all; called once, before close. */
    void keep(Path out);

    @Override
    void close();
}
