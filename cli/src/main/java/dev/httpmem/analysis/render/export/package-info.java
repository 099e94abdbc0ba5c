/**
 * The exports of httpmem export, side by side, one writer per format, each of labelled samples
 * ({@link dev.httpmem.analysis.model.LabelledSamples}): {@link PprofProfile} (pprof's profile.proto, gzip'd),
 * {@link OtlpProfiles} (an OpenTelemetry profiles export request) and {@link CollapsedStacks} (async-profiler's
 * collapsed stacks). Like the rest of {@code render} they return what they write, bytes or text, and write no file.
 */
package dev.httpmem.analysis.render.export;
