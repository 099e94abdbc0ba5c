package dev.httpmem.it;

import java.util.List;

/**
 * Options of the JVMs the suite forks (servers, client drivers, the CLI): C1 alone, but for SoakIT's, which run as
 * a host in production does, and the client drivers' retention runs (AbstractClientSuiteIT). They live seconds, and
 * C2 compiling the stacks, Byte Buddy's transformations and the advice woven into hot methods took half their CPU: a
 * client driver's 1,000 requests with the agent used 5.2–6.6 s of CPU with C2 and 2.5 s without, 10,000 requests
 * 12.8 s and 6.1 s, a diff of a 1 MB recording 0.86–1.08 s and 0.47–0.55 s; on two cores that kept the suite at 20
 * minutes. Nothing the tests check (counts, attribution, allocation against what a handler allocated, retention,
 * sites, root paths) depends on the compiler, but how many old-object samples JFR takes of a client's planted
 * objects; SoakIT and bench/ keep C2.
 */
final class ForkedJvms {
    static final List<String> OPTIONS = List.of("-XX:TieredStopAtLevel=1");

    private ForkedJvms() {}
}
