package dev.httpmem.agent.runtime;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.httpmem.agent.events.HeapCheckpointEvent;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * An httpmem.HeapCheckpoint after every GC, from the collectors' own notifications (delivered on the JVM's
 * notification thread, never a request's), and the retention tracker's count right after it.
 */
public final class HeapCheckpoints {
    private static final Path PROC_STATUS = Paths.get("/proc/self/status");
    private static final AtomicLong GC_IDS = new AtomicLong();
    /**
     * The causes HotSpot names for full GCs someone asked for: System.gc() (the agent's gc-every among them),
     * jcmd GC.run, a live class histogram, a heap dump. After them the heap holds only live objects.
     */
    private static final Set<String> REQUESTED_FULL_GC_CAUSES = Set.of("System.gc()", "Diagnostic Command",
            "Heap Inspection Initiated GC", "Heap Dump Initiated GC");
    /** GC times are in milliseconds since the JVM started. */
    private static final long JVM_START_MILLIS = ManagementFactory.getRuntimeMXBean().getStartTime();

    private HeapCheckpoints() {}

    public static void start() {
        Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
                .collect(Collectors.toUnmodifiableSet());
        BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).findFirst().orElse(null);
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> onGc(notification, heapPools, direct),
                        notification -> GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
                                .equals(notification.getType()), null);
            }
        }
    }

    private static void onGc(Notification notification, Set<String> heapPools, BufferPoolMXBean direct) {
        AllocationTotals.profilerThread();
        if (JvmShutdown.started()) {
            return;
        }
        try {
            GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            HeapCheckpointEvent event = new HeapCheckpointEvent();
            event.gcId = GC_IDS.incrementAndGet();
            event.gcEnd = JVM_START_MILLIS + info.getGcInfo().getEndTime();
            event.forced = REQUESTED_FULL_GC_CAUSES.contains(info.getGcCause());
            event.oldGenUsed = -1;
            for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                if (heapPools.contains(pool.getKey())) {
                    event.heapUsed += pool.getValue().getUsed();
                    event.heapCommitted += pool.getValue().getCommitted();
                    if (isOldGeneration(pool.getKey())) {
                        event.oldGenUsed = Math.max(event.oldGenUsed, 0) + pool.getValue().getUsed();
                    }
                }
            }
            event.directMemoryUsed = direct == null ? -1 : direct.getMemoryUsed();
            event.rss = residentSetSize();
            event.http1Exchanges = CompletedExchanges.exchanges(Role.SERVER, 0);
            event.http2Exchanges = CompletedExchanges.exchanges(Role.SERVER, 1);
            event.http1ResponseBytes = CompletedExchanges.responseBytes(Role.SERVER, 0);
            event.http2ResponseBytes = CompletedExchanges.responseBytes(Role.SERVER, 1);
            event.clientHttp1Exchanges = CompletedExchanges.exchanges(Role.CLIENT, 0);
            event.clientHttp2Exchanges = CompletedExchanges.exchanges(Role.CLIENT, 1);
            event.clientHttp1ResponseBytes = CompletedExchanges.responseBytes(Role.CLIENT, 0);
            event.clientHttp2ResponseBytes = CompletedExchanges.responseBytes(Role.CLIENT, 1);
            event.openExchanges = Exchanges.openCount();
            Connections.Census connections = Connections.census();
            HeldConnections.Counts held = HeldConnections.afterGc("end of major GC".equals(info.getGcAction()));
            event.openConnections = connections.open();
            event.idleConnections = connections.idle();
            event.http1OpenConnections = connections.openByProtocol()[0];
            event.http2OpenConnections = connections.openByProtocol()[1];
            event.http1PeerClosedConnections = connections.peerClosed()[0];
            event.http2PeerClosedConnections = connections.peerClosed()[1];
            event.http1ClosedConnections = Connections.closedCount(Role.SERVER, 0);
            event.http2ClosedConnections = Connections.closedCount(Role.SERVER, 1);
            event.clientHttp1OpenConnections = connections.openByProtocol()[Connections.slot(Role.CLIENT, 0)];
            event.clientHttp2OpenConnections = connections.openByProtocol()[Connections.slot(Role.CLIENT, 1)];
            event.clientHttp1ClosedConnections = Connections.closedCount(Role.CLIENT, 0);
            event.clientHttp2ClosedConnections = Connections.closedCount(Role.CLIENT, 1);
            event.http1HeldConnections = held.held()[0] + connections.peerClosed()[0];
            event.http2HeldConnections = held.held()[1] + connections.peerClosed()[1];
            event.http1LeakedConnections = held.leaked()[0] + connections.leaked()[0];
            event.http2LeakedConnections = held.leaked()[1] + connections.leaked()[1];
            if (JvmShutdown.started()) {
                return; // began while this was counted: the counts may describe the shutdown
            }
            event.listing = Listings.next();
            event.commit();
            RetentionTracker.afterGc();
            Listings.list(event.listing);
        } catch (RuntimeException | Error e) {
            AgentCounters.suppressed(e);
        }
    }

    private static boolean isOldGeneration(String pool) {
        return pool.contains("Old Gen") || pool.contains("Tenured") || pool.contains("Old Generation");
    }

    private static long residentSetSize() {
        if (!Files.isReadable(PROC_STATUS)) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(PROC_STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").trim()) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
