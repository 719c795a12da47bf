package dev.example.clash;

import dev.sandboxagent.core.spi.AgentAdapter;
import dev.sandboxagent.core.spi.AgentCapabilities;
import dev.sandboxagent.core.spi.AgentEventSink;
import dev.sandboxagent.core.spi.AgentMode;
import dev.sandboxagent.core.spi.AgentModels;
import dev.sandboxagent.core.spi.AgentSession;
import dev.sandboxagent.core.spi.AgentSessionSpec;

import java.nio.file.Path;
import java.util.List;

/** A plugin that claims the id of the built-in mock agent: the daemon must refuse it. */
public final class ClashingAdapter implements AgentAdapter {

    @Override
    public String id() {
        return "mock";
    }

    @Override
    public AgentCapabilities capabilities() {
        return AgentCapabilities.builder()
                .textMessages()
                .build();
    }

    @Override
    public List<AgentMode> modes() {
        return List.of();
    }

    @Override
    public AgentModels models(Path binary) {
        return new AgentModels(List.of(), null);
    }

    @Override
    public AgentSession start(AgentSessionSpec spec, AgentEventSink sink) {
        throw new UnsupportedOperationException("never started");
    }
}
