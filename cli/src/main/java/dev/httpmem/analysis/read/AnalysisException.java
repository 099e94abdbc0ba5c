package dev.httpmem.analysis.read;

/** A recording that cannot be analyzed; the message is one line, fit for the user. */
public final class AnalysisException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Kind { NO_SUCH_FILE, UNREADABLE, NOT_JFR, CORRUPT, UNSUPPORTED, NO_EVENTS }

    private final Kind kind;

    public AnalysisException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    /** An event type that lacks a field the analysis reads, as an incompatible agent would write it. */
    public static AnalysisException missingField(Object recording, String type, String field) {
        return new AnalysisException(Kind.UNSUPPORTED, "unsupported httpmem events in " + recording + ": " + type
                + " has no field '" + field + "'");
    }

    public Kind kind() {
        return kind;
    }
}
