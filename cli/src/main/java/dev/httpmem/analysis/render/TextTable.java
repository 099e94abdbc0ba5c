package dev.httpmem.analysis.render;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with columns separated by two spaces; the last column is never padded. */
final class TextTable {
    private final String alignment;
    private final List<String[]> rows = new ArrayList<>();

    /** @param alignment one character per column: 'l' for left, 'r' for right (numbers) */
    TextTable(String alignment, String... headers) {
        this.alignment = alignment;
        rows.add(headers);
    }

    TextTable row(String... cells) {
        rows.add(cells);
        return this;
    }

    String render(String indent) {
        int[] widths = new int[alignment.length()];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < row.length; i++) {
                String padding = " ".repeat(widths[i] - row[i].length());
                boolean last = i == row.length - 1;
                if (alignment.charAt(i) == 'r') {
                    line.append(padding).append(row[i]);
                } else {
                    line.append(row[i]).append(last ? "" : padding);
                }
                if (!last) {
                    line.append("  ");
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
