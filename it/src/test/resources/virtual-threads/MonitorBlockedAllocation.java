import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Run by VirtualThreadAllocationIT with the JDK 25 source launcher and the agent: virtual threads that allocate
 * 1 MiB, block on a monitor another thread holds (JDK 24+ takes them off their carrier there, not through
 * {@code yieldContinuation()}), and allocate 1 MiB more once they have it. Prints what the agent's clock counted for
 * each, one line apiece, then the clock's failures; other virtual threads allocate beside them all along, so that
 * carriers' counters differ.
 */
public class MonitorBlockedAllocation {
    private static final int THREADS = 100;
    private static final Object MONITOR = new Object();
    private static volatile Object sink;

    public static void main(String[] args) throws Exception {
        Class<?> clockClass = Class.forName("java.lang.HttpmemVirtualThreadClock");
        Method clock = clockClass.getMethod("allocatedBytes");
        AtomicBoolean done = new AtomicBoolean();
        for (int i = 0; i < 3; i++) {
            Thread.ofVirtual().start(() -> {
                while (!done.get()) {
                    sink = new byte[4096];
                    try {
                        Thread.sleep(0, 200_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }
        for (int i = 0; i < THREADS; i++) {
            long[] counted = {-1};
            Thread blocked;
            synchronized (MONITOR) {
                blocked = Thread.ofVirtual().start(() -> {
                    try {
                        long before = (long) clock.invoke(null);
                        sink = new byte[1 << 20];
                        synchronized (MONITOR) {
                            sink = null;
                        }
                        sink = new byte[1 << 20];
                        counted[0] = (long) clock.invoke(null) - before;
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                });
                Thread.sleep(3);
            }
            blocked.join();
            System.out.println("counted " + counted[0]);
        }
        done.set(true);
        System.out.println("clock errors " + clockClass.getMethod("errors").invoke(null));
    }
}
