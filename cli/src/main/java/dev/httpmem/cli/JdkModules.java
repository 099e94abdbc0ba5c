package dev.httpmem.cli;

import java.nio.file.Paths;

/**
 * Checks this Java runtime has a JDK module a command needs before any class using it loads: a JRE or a
 * jlinked runtime may lack it, and the class would fail to load with no useful message.
 */
final class JdkModules {
    private JdkModules() {
    }

    static void require(String module, String purpose) {
        if (ModuleLayer.boot().findModule(module).isEmpty()) {
            throw new CommandException("this Java runtime (" + Paths.get(System.getProperty("java.home"))
                    + ") lacks the " + module + " module " + purpose + "; run httpmem with a JDK", Main.EXIT_DATA);
        }
    }
}
