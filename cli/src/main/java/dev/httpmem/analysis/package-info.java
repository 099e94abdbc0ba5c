/**
 * The analyses the commands run, each in one streaming pass or a few: {@link ReportAnalysis} (httpmem report),
 * {@link RetentionAnalysis} (httpmem diff), {@link LiveAnalysis} (httpmem watch) and {@link LabelledSampleAnalysis}
 * (httpmem export). They read recordings with
 * {@code read}, attribute samples to exchanges with {@code attribution}, fit retention with {@code retention}, and
 * return the results in {@code model}, which {@code render} writes as JSON or text.
 */
package dev.httpmem.analysis;
