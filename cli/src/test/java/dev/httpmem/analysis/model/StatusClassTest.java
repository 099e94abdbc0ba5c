package dev.httpmem.analysis.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusClassTest {
    @Test
    void codesFallIntoTheirClass() {
        assertEquals(StatusClass.NONE, StatusClass.of(0));
        assertEquals(StatusClass.INFORMATIONAL, StatusClass.of(101));
        assertEquals(StatusClass.SUCCESS, StatusClass.of(200));
        assertEquals(StatusClass.REDIRECTION, StatusClass.of(304));
        assertEquals(StatusClass.CLIENT_ERROR, StatusClass.of(404));
        assertEquals(StatusClass.SERVER_ERROR, StatusClass.of(503));
        assertEquals(StatusClass.OTHER, StatusClass.of(99));
        assertEquals(StatusClass.OTHER, StatusClass.of(600));
        assertEquals("4xx", StatusClass.CLIENT_ERROR.label());
    }

    @Test
    void exchangesMostlyAnsweredWithAnErrorNameTheCommonestError() {
        ExchangeTally mostlyNotFound = tally(200, 404, 404, 500);
        assertEquals(Map.of(StatusClass.SUCCESS, 1L, StatusClass.CLIENT_ERROR, 2L, StatusClass.SERVER_ERROR, 1L),
                mostlyNotFound.stats().statusClasses());
        assertEquals(Optional.of(new ErrorAnswers(404, 2, 4)), mostlyNotFound.stats().mostlyAnsweredWithError());
        assertEquals("2 of 4 exchanges answered 404", mostlyNotFound.stats().mostlyAnsweredWithError().orElseThrow().describe());
        assertEquals(Optional.empty(), tally(200, 200, 404, 0).stats().mostlyAnsweredWithError(), "half is not most");
    }

    private static ExchangeTally tally(int... statuses) {
        ExchangeTally tally = new ExchangeTally();
        for (int status : statuses) {
            tally.add(1000, 100, 1, "completed", status, null);
        }
        return tally;
    }
}
