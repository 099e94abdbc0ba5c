package dev.httpmem.it;

/**
 * The JDK 25's own HTTP server. Its classes are the platform loader's: every event recorded for it comes
 * from advice that linked against the agent's runtime on the bootstrap class path.
 */
class JdkHttpOnJdk25IT extends AbstractServerSuiteIT {
    JdkHttpOnJdk25IT() {
        super(ExampleServer.JDK_HTTP, Jdk.JDK_25);
    }
}
