package dev.httpmem.it;

/**
 * Tomcat 10.1 on JDK 17.
 */
class Tomcat101OnJdk17IT extends AbstractServerSuiteIT {
    Tomcat101OnJdk17IT() {
        super(ExampleServer.TOMCAT_10_1, Jdk.JDK_17);
    }
}
