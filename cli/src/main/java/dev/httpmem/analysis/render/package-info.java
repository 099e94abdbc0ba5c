/**
 * Rendering, side by side: each result as JSON, whose field names are a contract with scripts ({@link ReportJson},
 * {@link RetentionJson}, {@link LiveJson}), and as the text the commands print ({@link ReportText}, {@link DiffText},
 * {@link WatchText}), with the numbers written as {@link Units} writes them; and the exports of labelled samples for
 * profilers ({@code render.export}). The writers return strings, or bytes: the commands in {@code dev.httpmem.cli}
 * print them, or write them to a file.
 */
package dev.httpmem.analysis.render;
