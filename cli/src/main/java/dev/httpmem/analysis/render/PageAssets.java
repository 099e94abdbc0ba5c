package dev.httpmem.analysis.render;

/**
 * What an HTML report inlines besides its data: the page's template ({@code {{title}}}, {{style}}, {{data}},
 * {{script}} mark where the rest goes), its style and script, the charting library's script and style, and the
 * script run inside each flame graph.
 */
public record PageAssets(String template, String style, String script, String chartScript, String chartStyle,
                         String flameScript) {
}
