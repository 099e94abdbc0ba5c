package dev.httpmem.agent.launch;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code -javaagent:httpmem-agent.jar=key=value,...}; {@code stacks} takes a comma-separated list, so a bare
 * word after it continues the list. A bad option never stops the agent or the application: it is skipped with
 * a warning.
 */
record AgentOptions(Path out, Set<String> stacks, LogLevel log, List<String> warnings) {
    enum LogLevel { OFF, INFO, DEBUG }

    static final String USAGE = "options: out=PATH, stacks=jetty|tomcat|jdkhttp[,...], log=off|info|debug";

    static AgentOptions parse(String arguments) {
        Path out = null;
        Set<String> stacks = null;
        LogLevel log = LogLevel.INFO;
        List<String> warnings = new ArrayList<>();
        String previousKey = null;
        for (String token : arguments == null ? new String[0] : arguments.split(",")) {
            String option = token.trim();
            if (option.isEmpty()) {
                continue;
            }
            int equals = option.indexOf('=');
            if (equals < 0 && "stacks".equals(previousKey)) {
                stacks.add(option.toLowerCase(Locale.ROOT));
                continue;
            }
            String key = equals < 0 ? option : option.substring(0, equals).trim();
            String value = equals < 0 ? "" : option.substring(equals + 1).trim();
            previousKey = key;
            if (value.isEmpty()) {
                warnings.add("ignoring malformed option '" + option + "' (" + USAGE + ")");
                previousKey = null;
                continue;
            }
            switch (key) {
                case "out" -> out = Paths.get(value);
                case "stacks" -> {
                    stacks = new LinkedHashSet<>();
                    stacks.add(value.toLowerCase(Locale.ROOT));
                }
                case "log" -> {
                    try {
                        log = LogLevel.valueOf(value.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        warnings.add("ignoring log=" + value + " (log=off|info|debug)");
                    }
                }
                default -> warnings.add("ignoring unknown option '" + key + "' (" + USAGE + ")");
            }
        }
        return new AgentOptions(out, stacks == null ? null : Collections.unmodifiableSet(stacks), log,
                List.copyOf(warnings));
    }

    boolean stackEnabled(String stack) {
        return stacks == null || stacks.contains(stack);
    }
}
