package dev.httpmem.agent.runtime;

import dev.httpmem.agent.events.AgentStatisticsEvent;
import jdk.jfr.FlightRecorder;

/** Emits httpmem.AgentStatistics every period and at every chunk boundary of every recording. */
public final class AgentStatistics {
    private AgentStatistics() {}

    public static void register(String version, String stacks) {
        FlightRecorder.addPeriodicEvent(AgentStatisticsEvent.class, () -> {
            AgentStatisticsEvent event = new AgentStatisticsEvent();
            event.agentVersion = version;
            event.stacks = stacks;
            event.exchangesStarted = AgentCounters.exchangesStarted();
            event.exchangesEnded = AgentCounters.exchangesEnded();
            event.exchangesOpen = Exchanges.openCount();
            event.suppressedErrors = AgentCounters.suppressedErrors();
            event.untracked = AgentCounters.untracked();
            event.slicesTooDeep = AgentCounters.slicesTooDeep();
            event.openedTwice = AgentCounters.openedTwice();
            event.serversNotInstrumented = StacksNotInstrumented.list();
            event.everySlice = Slices.everySlice();
            event.listing = Listings.next();
            event.commit();
            Listings.list(event.listing);
        });
    }
}
