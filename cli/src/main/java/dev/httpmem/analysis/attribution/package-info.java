/**
 * Attribution: samples joined to the exchange, or connection, whose slice of work was running on their thread
 * ({@link SliceJoin}); allocation samples tallied per site and protocol ({@link SiteAttribution}, {@link SiteTable}),
 * old-object samples per retained site with their path from a GC root ({@link RetainedSites}, {@link RootPath}),
 * and the sites these name ({@link AllocationSite}, {@link RetainedSite}, {@link DirectBufferSite}, ...); and samples
 * one by one with their whole stacks, each labelled with the exchange it was allocated for ({@link SampleLabeller},
 * {@link LabelledSample}, {@link SampleLabels}).
 */
package dev.httpmem.analysis.attribution;
