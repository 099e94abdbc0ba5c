package dev.httpmem.it;

/** OkHttp 5.5 on JDK 25. */
class OkHttpOnJdk25IT extends AbstractOkHttpClientSuiteIT {
    OkHttpOnJdk25IT() {
        super(Jdk.JDK_25);
    }
}
