package dev.httpmem.cli;

import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) and SIGTERM as a request to finish rather than an exit: a command that runs until stopped
 * can then write its output and return its exit status normally. Shutdown hooks could not: the JVM is already
 * exiting when they run, with the exit status the signal chose.
 */
final class Interrupts {
    private Interrupts() {
    }

    static void onStop(Runnable action) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), signal -> action.run());
            } catch (IllegalArgumentException e) {
                // the JVM reserves this signal (-Xrs): it keeps its default meaning
            }
        }
    }
}
