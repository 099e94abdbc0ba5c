package dev.httpmem.it;

/** Early and never-ending exchanges on Grizzly 4, over HTTP/1.1 (see {@link ExampleServer#GRIZZLY_HTTP_1_1}). */
class GrizzlyLifecycleIT extends AbstractExchangeLifecycleIT {
    GrizzlyLifecycleIT() {
        super(ExampleServer.GRIZZLY_HTTP_1_1);
    }

    /** The example fails no request in a stack hook. */
    @Override
    boolean plantsFailures() {
        return false;
    }
}
