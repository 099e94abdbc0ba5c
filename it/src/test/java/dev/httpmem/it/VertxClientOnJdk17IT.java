package dev.httpmem.it;

/** Vert.x 4.5's HttpClient on JDK 17. */
class VertxClientOnJdk17IT extends AbstractVertxClientSuiteIT {
    VertxClientOnJdk17IT() {
        super(Jdk.JDK_17);
    }
}
