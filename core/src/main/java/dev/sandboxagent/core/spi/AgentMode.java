package dev.sandboxagent.core.spi;

/** An interaction mode an agent offers (e.g. build, plan). */
public record AgentMode(String id, String name, String description) {
}
