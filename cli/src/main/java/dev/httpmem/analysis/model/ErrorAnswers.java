package dev.httpmem.analysis.model;

import dev.httpmem.analysis.render.Units;

/** Most of a set of exchanges answered with an error: {@code answered} of {@code exchanges} with {@code status}. */
public record ErrorAnswers(int status, long answered, long exchanges) {
    /** "300 of 300 exchanges answered 404" */
    public String describe() {
        return Units.count(answered) + " of " + Units.count(exchanges) + " exchanges answered " + status;
    }
}
