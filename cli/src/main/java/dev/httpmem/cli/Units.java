package dev.httpmem.cli;

import java.util.Locale;

/** Numbers as the text reports print them. */
final class Units {

    private Units() {
    }

    static String bytes(double value) {
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

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }
}
