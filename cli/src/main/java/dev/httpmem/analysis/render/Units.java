package dev.httpmem.analysis.render;

import dev.httpmem.analysis.model.StatusClass;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Numbers as the text reports print them. */
public final class Units {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private Units() {
    }

    /** A byte count, as {@link #bytes(double)} prints it (counts stay far below 2^53, where a double is exact). */
    public static String bytes(long value) {
        return bytes((double) value);
    }

    public static String bytes(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        if (Math.abs(value) < 1024) {
            return Math.round(value) + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double scaled = value / 1024;
        int unit = 0;
        while (Math.abs(scaled) >= 1024 && unit < units.length - 1) {
            scaled /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", scaled, units[unit]);
    }

    public static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** Exchanges by status class as reports print them: "2xx 9,990, 4xx 10"; "none" for no exchange. */
    public static String statusClasses(Map<StatusClass, Long> classes) {
        return classes.isEmpty() ? "none" : classes.entrySet().stream()
                .map(e -> e.getKey().label() + " " + count(e.getValue())).collect(Collectors.joining(", "));
    }

    /** Local wall-clock time of an epoch instant, as the JDK's jfr tool prints event times. */
    public static String clock(long epochNanos) {
        return CLOCK.format(Instant.ofEpochSecond(0, epochNanos));
    }

    public static String percent(double fraction) {
        return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    /** A span of time as reports print it: "4.2 s", "3m 07s", "1h 02m 09s". */
    public static String duration(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
        }
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%dh %02dm %02ds", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
    }
}
