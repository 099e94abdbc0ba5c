package dev.httpmem.it;

/** OkHttp 5.5 on JDK 17. */
class OkHttpOnJdk17IT extends AbstractOkHttpClientSuiteIT {
    OkHttpOnJdk17IT() {
        super(Jdk.JDK_17);
    }
}
