package dev.sandboxagent.core.schema;

/**
 * What an agent process wrote to stderr: the whole of it in {@code head} when short, else the
 * first lines in {@code head} and the last in {@code tail}.
 */
public record StderrOutput(String head, String tail, Long totalLines, boolean truncated) {
}
