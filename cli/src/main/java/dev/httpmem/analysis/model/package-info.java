/**
 * The results the commands print: a recording's allocation ({@link Report}: per protocol and endpoint
 * {@link ExchangeStats}, the agent's health, the exchanges and connections left at the end), the retention of one or
 * two recordings ({@link RetentionReport}: per protocol {@link ProtocolRetention}, and the one-line {@link Verdict}),
 * a live view's snapshot ({@link LiveSnapshot}), and the labelled samples httpmem export writes
 * ({@link LabelledSamples}).
 */
package dev.httpmem.analysis.model;
