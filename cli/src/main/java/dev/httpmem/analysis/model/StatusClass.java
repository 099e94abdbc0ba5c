package dev.httpmem.analysis.model;

/** The class of an exchange's response status, as HTTP groups them; {@link #NONE} when no response was committed. */
public enum StatusClass {
    NONE("none"),
    INFORMATIONAL("1xx"),
    SUCCESS("2xx"),
    REDIRECTION("3xx"),
    CLIENT_ERROR("4xx"),
    SERVER_ERROR("5xx"),
    /** A code outside 100..599. */
    OTHER("other");

    /** By hundreds of the code: {@code values()} copies its array at every call, and every exchange is classed. */
    private static final StatusClass[] BY_HUNDREDS = values();

    private final String label;

    StatusClass(String label) {
        this.label = label;
    }

    /** What reports print: 2xx, 4xx, none. */
    public String label() {
        return label;
    }

    /** An error answer: the exchange was served, but not with what was asked for. */
    public boolean error() {
        return this == CLIENT_ERROR || this == SERVER_ERROR;
    }

    public static StatusClass of(int status) {
        if (status == 0) {
            return NONE;
        }
        return status < 100 || status > 599 ? OTHER : BY_HUNDREDS[status / 100];
    }
}
