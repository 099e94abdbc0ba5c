package dev.httpmem.analysis.render;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes maps, lists, strings, numbers, booleans and null as JSON, indented or on one line; NaN and infinities
 * become null.
 */
final class Json {
    private final StringBuilder out = new StringBuilder();
    private final boolean indent;

    private Json(boolean indent) {
        this.indent = indent;
    }

    static String write(Object value) {
        Json json = new Json(true);
        json.value(value, 0);
        return json.out.append('\n').toString();
    }

    /** One line, for streams of JSON objects. */
    static String writeLine(Object value) {
        Json json = new Json(false);
        json.value(value, 0);
        return json.out.append('\n').toString();
    }

    /** An ordered JSON object from alternating keys and values. */
    static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private void value(Object value, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Map<?, ?> map) {
            container('{', '}', map.entrySet().iterator(), depth);
        } else if (value instanceof List<?> list) {
            container('[', ']', list.iterator(), depth);
        } else if (value instanceof String string) {
            string(string);
        } else if (value instanceof Double number) {
            out.append(number.isNaN() || number.isInfinite() ? "null" : number.toString());
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    private void container(char open, char close, Iterator<?> items, int depth) {
        out.append(open);
        if (!items.hasNext()) {
            out.append(close);
            return;
        }
        while (items.hasNext()) {
            newline(depth + 1);
            Object item = items.next();
            if (item instanceof Map.Entry<?, ?> entry) {
                string(entry.getKey().toString());
                out.append(": ");
                value(entry.getValue(), depth + 1);
            } else {
                value(item, depth + 1);
            }
            if (items.hasNext()) {
                out.append(',');
            }
        }
        newline(depth);
        out.append(close);
    }

    private void newline(int depth) {
        if (indent) {
            out.append('\n').append("  ".repeat(depth));
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
