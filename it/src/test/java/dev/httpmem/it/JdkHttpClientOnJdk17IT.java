package dev.httpmem.it;

/** The JDK 17 HttpClient. */
class JdkHttpClientOnJdk17IT extends AbstractJdkHttpClientSuiteIT {
    JdkHttpClientOnJdk17IT() {
        super(Jdk.JDK_17);
    }
}
