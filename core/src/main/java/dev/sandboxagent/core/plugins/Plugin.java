package dev.sandboxagent.core.plugins;

import dev.sandboxagent.core.spi.AgentAdapter;

import java.nio.file.Path;

/** An adapter loaded from a plugin jar. */
public record Plugin(AgentAdapter adapter, Path jar) {
}
