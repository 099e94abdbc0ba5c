package dev.httpmem.it;

/** Helidon 4 SE on JDK 25 (it needs Java 21: no JDK 17 run). */
class HelidonOnJdk25IT extends AbstractServerSuiteIT {
    HelidonOnJdk25IT() {
        super(ExampleServer.HELIDON, Jdk.JDK_25);
    }
}
