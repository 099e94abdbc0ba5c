package dev.httpmem.analysis.attribution;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a sample was allocated for, as the slice join found it: an exchange (its protocol, the stack that served
 * it, its endpoint, its HTTP/2 stream and its id), a connection's work outside its exchanges (the connection's
 * protocol), or neither.
 *
 * @param protocol null for unattributed samples, and for connection work before the connection's first exchange
 * @param stack null where the exchange has no event of its own: the agent writes none of an h2c Upgrade request
 *              (it goes on as HTTP/2 stream 1), nor of an exchange still open when the recording stopped
 * @param endpoint method and path, as the report's endpoint table names them; null where {@code stack} is
 * @param stream the HTTP/2 stream id; 0 for HTTP/1.1, and where {@code stack} is null
 * @param exchange the exchange's id; 0 for connection work and unattributed samples
 */
public record SampleLabels(Work work, String protocol, String stack, String endpoint, long stream, long exchange) {
    /** The labels of a sample outside every exchange's and connection's work. */
    public static final SampleLabels UNATTRIBUTED = new SampleLabels(Work.UNATTRIBUTED, null, null, null, 0, 0);

    /** What the sample's allocation was done for; label {@value #WORK}. */
    public enum Work {
        EXCHANGE, CONNECTION, UNATTRIBUTED;

        /** The label's value: {@code exchange}, {@code connection} or {@code unattributed}. */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final String WORK = "work";
    public static final String PROTOCOL = "protocol";
    public static final String STACK = "stack";
    public static final String ENDPOINT = "endpoint";
    public static final String STREAM = "stream";
    public static final String EXCHANGE = "exchange";

    /** One label: its name and value. */
    public record Label(String name, String value) {
    }

    /** The connection work of a connection whose latest exchange was of {@code protocol} (null: none yet). */
    static SampleLabels connectionWork(String protocol) {
        return new SampleLabels(Work.CONNECTION, protocol, null, null, 0, 0);
    }

    /**
     * The labels as the exports write them, in this order: {@value #WORK} always, then those of {@value #PROTOCOL},
     * {@value #STACK}, {@value #ENDPOINT}, {@value #STREAM} (HTTP/2 only) and {@value #EXCHANGE} that are known.
     */
    public List<Label> labels() {
        List<Label> labels = new ArrayList<>(6);
        labels.add(new Label(WORK, work.value()));
        if (protocol != null) {
            labels.add(new Label(PROTOCOL, protocol));
        }
        if (stack != null) {
            labels.add(new Label(STACK, stack));
        }
        if (endpoint != null) {
            labels.add(new Label(ENDPOINT, endpoint));
        }
        if (stream > 0) {
            labels.add(new Label(STREAM, Long.toString(stream)));
        }
        if (exchange != 0) {
            labels.add(new Label(EXCHANGE, Long.toString(exchange)));
        }
        return labels;
    }
}
