package dev.httpmem.it;

/**
 * Tomcat 11 on JDK 25.
 */
class Tomcat11OnJdk25IT extends AbstractServerSuiteIT {
    Tomcat11OnJdk25IT() {
        super(ExampleServer.TOMCAT_11, Jdk.JDK_25);
    }
}
