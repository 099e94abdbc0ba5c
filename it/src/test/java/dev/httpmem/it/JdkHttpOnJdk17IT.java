package dev.httpmem.it;

/**
 * The JDK 17's own HTTP server. Its classes are the platform loader's: every event recorded for it comes
 * from advice that linked against the agent's runtime on the bootstrap class path.
 */
class JdkHttpOnJdk17IT extends AbstractServerSuiteIT {
    JdkHttpOnJdk17IT() {
        super(ExampleServer.JDK_HTTP, Jdk.JDK_17);
    }
}
