package dev.httpmem.it;

/** A JVM that only waits, on runtimes too small for the example servers: says "ready", then sleeps. */
public final class Idle {
    private Idle() {}

    public static void main(String[] args) throws InterruptedException {
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(120_000);
    }
}
