package dev.httpmem.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/** Where a command's result goes: standard output, or a file that is replaced whole or not at all. */
final class Output {

    private Output() {
    }

    static void write(String text, Path file, PrintWriter stdout) {
        if (file == null) {
            stdout.print(text);
            stdout.flush();
            return;
        }
        write(text, file);
    }

    /** Writes {@code text} to {@code file}, whole or not at all. */
    static void write(String text, Path file) {
        replaceWhole(file, temp -> Files.writeString(temp, text, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
    }

    /** Writes {@code bytes} to {@code file}, whole or not at all. */
    static void write(byte[] bytes, Path file) {
        replaceWhole(file, temp -> Files.write(temp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
    }

    /**
     * Why {@code file} could not be written, if it could not: its folder is missing or read-only, or it is a folder.
     * For a check before the work whose result it is to hold.
     */
    static Optional<String> whyUnwritable(Path file) {
        Path target = file.toAbsolutePath();
        if (Files.isDirectory(target)) {
            return Optional.of(file + " is a folder; name a file in it");
        }
        Path folder = target.getParent();
        if (!Files.isDirectory(folder)) {
            return Optional.of("no such folder: " + folder);
        }
        if (!Files.isWritable(folder)) {
            return Optional.of("cannot write in " + folder);
        }
        return Optional.empty();
    }

    /** Copies {@code source} to {@code file}, whole or not at all. */
    static void copy(Path source, Path file) {
        replaceWhole(file, temp -> Files.copy(source, temp));
    }

    interface Fill {
        void into(Path temp) throws IOException;
    }

    /** Fills a temporary sibling of {@code file}, then moves it into place. */
    static void replaceWhole(Path file, Fill fill) {
        Path target = file.toAbsolutePath();
        Path temp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            fill.into(temp);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the write already failed; that error is the one to report
            }
            throw new CommandException("cannot write " + file + ": " + reason(e), Main.EXIT_DATA);
        }
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        return e.getMessage();
    }
}
