package dev.example.tiny;

import dev.sandboxagent.core.spi.AgentAdapter;
import dev.sandboxagent.core.spi.AgentCapabilities;
import dev.sandboxagent.core.spi.AgentEventSink;
import dev.sandboxagent.core.spi.AgentMode;
import dev.sandboxagent.core.spi.AgentModel;
import dev.sandboxagent.core.spi.AgentModels;
import dev.sandboxagent.core.spi.AgentSession;
import dev.sandboxagent.core.spi.AgentSessionSpec;
import dev.sandboxagent.core.spi.CredentialSource;

import java.nio.file.Path;
import java.util.List;

/** A plugin agent in pure Java: it answers every message with "tiny heard: <message>". */
public final class TinyAdapter implements AgentAdapter {

    @Override
    public String id() {
        return "tiny";
    }

    @Override
    public AgentCapabilities capabilities() {
        return TinySession.CAPABILITIES;
    }

    @Override
    public List<AgentMode> modes() {
        return List.of(new AgentMode("chat", "Chat", "Echoes what it hears."));
    }

    @Override
    public AgentModels models(Path binary) {
        return new AgentModels(List.of(new AgentModel("tiny-1", "Tiny", null, null)), "tiny-1");
    }

    @Override
    public List<CredentialSource> credentialSources() {
        return List.of(new CredentialSource.EnvVar("TINY_API_KEY"), new CredentialSource.HomeFile(".tiny/credentials.json"));
    }

    @Override
    public AgentSession start(AgentSessionSpec spec, AgentEventSink sink) {
        return new TinySession(spec, sink, "tiny heard: ");
    }
}
