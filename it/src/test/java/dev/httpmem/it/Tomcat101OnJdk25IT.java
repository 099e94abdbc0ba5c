package dev.httpmem.it;

/**
 * Tomcat 10.1 on JDK 25.
 */
class Tomcat101OnJdk25IT extends AbstractServerSuiteIT {
    Tomcat101OnJdk25IT() {
        super(ExampleServer.TOMCAT_10_1, Jdk.JDK_25);
    }
}
