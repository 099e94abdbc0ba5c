package dev.httpmem.it;

/** Early and never-ending exchanges on Jetty 12.1. */
class JettyLifecycleIT extends AbstractExchangeLifecycleIT {
    JettyLifecycleIT() {
        super(ExampleServer.JETTY_12_1);
    }
}
