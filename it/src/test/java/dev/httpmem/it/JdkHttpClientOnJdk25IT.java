package dev.httpmem.it;

/** The JDK 25 HttpClient. */
class JdkHttpClientOnJdk25IT extends AbstractJdkHttpClientSuiteIT {
    JdkHttpClientOnJdk25IT() {
        super(Jdk.JDK_25);
    }
}
