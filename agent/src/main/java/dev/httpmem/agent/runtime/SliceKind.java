package dev.httpmem.agent.runtime;

/** What a slice is work for; {@link #label} is how the recording names it ({@code httpmem.Slice}'s kind). */
public enum SliceKind {
    /** An exchange's own handling: its request's parsing, its handler. */
    HANDLE("handle"),
    /** A frame written for an exchange. */
    FRAME("frame"),
    /** A body write of an exchange. */
    BODY("body"),
    /** Work for a connection outside its exchanges; only its bytes are kept, in {@link AllocationTotals}. */
    CONNECTION("connection"),
    /** Work of a stack's I/O loop for all its connections; only its bytes are kept. */
    IO_LOOP("io-loop"),
    /**
     * Work that will be an exchange's once the stack creates it inside: parsing its request's HEADERS or request
     * line. A handle slice of the exchange it adopts; if none, its bytes stay with the slice around it.
     */
    PENDING("pending");

    final String label;

    SliceKind(String label) {
        this.label = label;
    }

    /** Work for a connection or an I/O loop rather than for one exchange. */
    boolean sharedWork() {
        return this == CONNECTION || this == IO_LOOP;
    }

    /** A frame or body write: a response write of its exchange. */
    boolean write() {
        return this == FRAME || this == BODY;
    }
}
