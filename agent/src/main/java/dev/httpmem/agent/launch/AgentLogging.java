package dev.httpmem.agent.launch;

import dev.httpmem.agent.runtime.AgentLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's log on stderr through its own (relocated) slf4j-simple. The property names below are relocated
 * with it, so configuring them never touches the application's logging.
 */
final class AgentLogging {
    private AgentLogging() {}

    static Logger start(AgentOptions.LogLevel level) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level.name().toLowerCase(java.util.Locale.ROOT));
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
        System.setProperty("org.slf4j.simpleLogger.showLogName", "true");
        System.setProperty("org.slf4j.simpleLogger.showShortLogName", "false");
        Logger logger = LoggerFactory.getLogger("[httpmem]");
        AgentLog.connect(logger::info, logger::debug);
        return logger;
    }
}
