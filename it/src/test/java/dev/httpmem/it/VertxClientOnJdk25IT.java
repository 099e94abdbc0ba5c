package dev.httpmem.it;

/** Vert.x 4.5's HttpClient on JDK 25. */
class VertxClientOnJdk25IT extends AbstractVertxClientSuiteIT {
    VertxClientOnJdk25IT() {
        super(Jdk.JDK_25);
    }
}
