package dev.httpmem.agent.launch;

import dev.httpmem.agent.stacks.StackInstrumentation;
import dev.httpmem.agent.stacks.Stacks;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code -javaagent:httpmem-agent.jar=key=value,...}, or the options {@code httpmem attach} passes to
 * {@code agentmain}; {@code stacks} takes a comma-separated list, so a bare word after it continues the list.
 * A bad option never stops the agent or the application: it is skipped with a warning.
 *
 * @param recording the name of the recording {@code out=} starts and {@code stop} stops
 * @param status    where {@code agentmain} writes its outcome for the CLI, which has no other return channel
 */
record AgentOptions(Path out, Duration duration, boolean stop, String recording, Path status, Set<String> stacks,
                    LogLevel log, long gcEvery, int trackOneIn, Detail detail, List<String> warnings) {
    enum LogLevel { OFF, INFO, DEBUG }

    /**
     * What is measured and recorded on its own: {@code exchanges} (the default) measures each exchange's and
     * connection's work and records its slices, with writes and slices nested in work for the same exchange counted
     * as part of it, and a write made in a connection's work (a flush writing frames of its streams) counted as that
     * work's; {@code all} also measures and records every such slice, frame write and body write.
     */
    enum Detail { EXCHANGES, ALL }

    static final String DEFAULT_RECORDING = "httpmem";
    static final int DEFAULT_TRACK_ONE_IN = 16;
    static final String USAGE = "options: out=PATH, duration=N[ms|s|m|h], stop, recording=NAME, status=PATH,"
            + " stacks=" + String.join("|", Stacks.names()) + "[,...], log=off|info|debug, gc-every=N, track=1/N|off,"
            + " detail=exchanges|all";
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    static AgentOptions parse(String arguments) {
        Path out = null;
        Duration duration = null;
        boolean stop = false;
        String recording = DEFAULT_RECORDING;
        Path status = null;
        Set<String> stacks = null;
        LogLevel log = LogLevel.INFO;
        long gcEvery = 0;
        int trackOneIn = DEFAULT_TRACK_ONE_IN;
        Detail detail = Detail.EXCHANGES;
        List<String> warnings = new ArrayList<>();
        String previousKey = null;
        for (String token : arguments == null ? new String[0] : arguments.split(",")) {
            String option = token.trim();
            if (option.isEmpty()) {
                continue;
            }
            // The one flag comes before the stacks list's bare words: no stack is called "stop".
            if (option.equals("stop")) {
                stop = true;
                previousKey = null;
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
                case "duration" -> {
                    duration = duration(value);
                    if (duration == null) {
                        warnings.add("ignoring duration=" + value + " (duration=N[ms|s|m|h], N > 0)");
                    }
                }
                case "recording" -> recording = value;
                case "status" -> status = Paths.get(value);
                case "stacks" -> {
                    stacks = new LinkedHashSet<>();
                    stacks.add(value.toLowerCase(Locale.ROOT));
                }
                case "log" -> log = choice(LogLevel.class, key, value, log, warnings);
                case "gc-every" -> {
                    long exchanges = value.matches("[0-9]{1,18}") ? Long.parseLong(value) : -1;
                    if (exchanges < 0) {
                        warnings.add("ignoring gc-every=" + value
                                + " (gc-every=N: a full GC every N exchanges, N >= 0; 0 forces none)");
                    } else {
                        gcEvery = exchanges;
                    }
                }
                case "track" -> {
                    if (value.equals("off")) {
                        trackOneIn = 0;
                    } else if (value.matches("1/[1-9][0-9]{0,8}")) {
                        trackOneIn = Integer.parseInt(value.substring(2));
                    } else {
                        warnings.add("ignoring track=" + value + " (track=1/N tracks one exchange in N, track=off)");
                    }
                }
                case "detail" -> detail = choice(Detail.class, key, value, detail, warnings);
                default -> warnings.add("ignoring unknown option '" + key + "' (" + USAGE + ")");
            }
        }
        return new AgentOptions(out, duration, stop, recording, status, knownStacks(stacks, warnings), log, gcEvery,
                trackOneIn, detail, List.copyOf(warnings));
    }

    /**
     * The stacks {@code stacks=} named that httpmem knows, each unknown name warned of; null (every stack enabled by
     * default) when the option was not given or named none httpmem knows, as instrumenting nothing helps no one.
     */
    private static Set<String> knownStacks(Set<String> named, List<String> warnings) {
        if (named == null) {
            return null;
        }
        List<String> known = Stacks.names();
        Set<String> result = new LinkedHashSet<>(named);
        result.retainAll(known);
        String knownList = " (known: " + String.join(", ", known) + ")";
        if (result.isEmpty()) {
            warnings.add("ignoring stacks=" + String.join(",", named) + ": no stack httpmem knows" + knownList
                    + "; instrumenting the stacks it instruments by default");
            return null;
        }
        named.stream().filter(name -> !known.contains(name))
                .forEach(name -> warnings.add("ignoring unknown stack '" + name + "' in stacks=" + knownList));
        return Collections.unmodifiableSet(result);
    }

    boolean stackEnabled(StackInstrumentation stack) {
        return stacks == null ? stack.enabledByDefault() : stacks.contains(stack.name());
    }

    /** The constant {@code value} names, case aside; else {@code current}, with a warning listing the choices. */
    private static <E extends Enum<E>> E choice(Class<E> type, String key, String value, E current,
                                                List<String> warnings) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        warnings.add("ignoring " + key + "=" + value + " (" + key + "=" + Arrays.stream(type.getEnumConstants())
                .map(constant -> constant.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining("|"))
                + ")");
        return current;
    }

    /** @return null unless {@code value} is a positive whole number of ms, s, m or h */
    private static Duration duration(String value) {
        Matcher matcher = DURATION.matcher(value);
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
            return null;
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }
}
