package dev.httpmem.it;

/** Early and never-ending exchanges on the JDK's HttpServer: HTTP/1.1 only. */
class JdkHttpLifecycleIT extends AbstractExchangeLifecycleIT {
    JdkHttpLifecycleIT() {
        super(ExampleServer.JDK_HTTP);
    }

    /** The JDK example has no stack hook to fail in. */
    @Override
    boolean plantsFailures() {
        return false;
    }
}
