import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What the agent's virtual-thread clock costs the threads it counts: rounds of 200,000 virtual threads that each
 * yield 5 times (a start and 5 unmounts and mounts each), timed. Run by bench/virtual-threads.sh (Java 21+).
 */
public final class YieldingVirtualThreads {
    private static final int ROUNDS = 14;
    private static final int THREADS = 200_000;
    private static final int YIELDS = 5;

    private YieldingVirtualThreads() {}

    public static void main(String[] args) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < THREADS; i++) {
                    threads.submit(() -> {
                        for (int y = 0; y < YIELDS; y++) {
                            Thread.yield();
                        }
                        return null;
                    });
                }
            }
            System.out.printf("round %d: %.0f ms%n", round, (System.nanoTime() - start) / 1e6);
        }
    }
}
