package dev.httpmem.agent.stacks;

/**
 * Where an application has a stack's classes (under the packages its instrumentation names, or renamed by
 * {@code relocation}) and which of their versions are supported there, for the log line of an unsupported one.
 */
public record StackPackages(Relocation relocation, String supportedVersions) {
}
