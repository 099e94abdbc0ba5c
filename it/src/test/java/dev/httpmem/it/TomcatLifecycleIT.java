package dev.httpmem.it;

/** Early and never-ending exchanges on Tomcat 11. */
class TomcatLifecycleIT extends AbstractExchangeLifecycleIT {
    TomcatLifecycleIT() {
        super(ExampleServer.TOMCAT_11);
    }
}
