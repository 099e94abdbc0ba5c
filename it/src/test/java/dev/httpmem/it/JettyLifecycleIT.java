package dev.httpmem.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;

/** Early and never-ending exchanges on Jetty 12.1, whose outcomes also tell a client's reset from a close. */
class JettyLifecycleIT extends AbstractExchangeLifecycleIT {
    JettyLifecycleIT() {
        super(ExampleServer.JETTY_12_1);
    }

    @Test
    void outcomesTellResetsAndDropsFromCompletion() {
        List<RecordedEvent> http2 = bodyExchanges("HTTP/2");
        // A client stopping mid-body resets its streams or just closes; either way not completed.
        assertTrue(http2.stream().filter(e -> e.getString("outcome").equals("reset")).count() >= CANCELS, "resets");
        for (RecordedEvent exchange : http2) {
            assertTrue(List.of("reset", "closed").contains(exchange.getString("outcome")), "ended early: " + exchange);
            assertTrue(exchange.getLong("responseBodyBytes") < 16 << 20, "cut short: " + exchange);
        }
        for (RecordedEvent exchange : bodyExchanges("HTTP/1.1")) {
            assertTrue(List.of("reset", "closed").contains(exchange.getString("outcome")), "ended early: " + exchange);
        }
    }
}
