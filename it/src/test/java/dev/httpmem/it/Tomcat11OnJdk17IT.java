package dev.httpmem.it;

/**
 * Tomcat 11 on JDK 17.
 */
class Tomcat11OnJdk17IT extends AbstractServerSuiteIT {
    Tomcat11OnJdk17IT() {
        super(ExampleServer.TOMCAT_11, Jdk.JDK_17);
    }
}
