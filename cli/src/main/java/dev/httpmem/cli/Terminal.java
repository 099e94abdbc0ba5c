package dev.httpmem.cli;

import java.io.Console;
import java.lang.reflect.Method;
import java.util.Optional;

/** The terminal the CLI runs in, if it runs in one. */
final class Terminal {
    private Terminal() {
    }

    /**
     * The console, only when standard input and output are a terminal. From JDK 22 {@code System.console()} is
     * there even when they are redirected, and only {@code Console.isTerminal()} (JDK 22 and later; compiled for
     * 17, so looked up) tells; before 22, a console at all means a terminal.
     */
    @SuppressWarnings("SystemConsoleNull") // the check this method is: null before JDK 22, isTerminal() after
    static Optional<Console> console() {
        Console console = System.console();
        if (console == null) {
            return Optional.empty();
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return Boolean.TRUE.equals(isTerminal.invoke(console)) ? Optional.of(console) : Optional.empty();
        } catch (NoSuchMethodException e) {
            return Optional.of(console);
        } catch (ReflectiveOperationException e) {
            return Optional.empty();
        }
    }
}
