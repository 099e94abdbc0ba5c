package dev.httpmem.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class ExchangesTest {
    @Test
    void openingAKeyThatHasAnExchangeOpenIsCounted() {
        Object key = new Object();
        Connection connection = Connections.of(new Object(), "test");
        long before = AgentCounters.openedTwice();
        Exchange first = Exchanges.open(key, "test", Exchange.HTTP_1_1, connection, 1, "GET", "/a");
        Exchange second = Exchanges.open(key, "test", Exchange.HTTP_1_1, connection, 1, "GET", "/b");
        assertSame(first, second, "the second request is counted with the first");
        assertEquals(before + 1, AgentCounters.openedTwice());
        Exchanges.end(key, Exchange.COMPLETED);
    }
}
