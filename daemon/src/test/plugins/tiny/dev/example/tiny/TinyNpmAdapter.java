package dev.example.tiny;

import dev.sandboxagent.core.spi.AgentAdapter;
import dev.sandboxagent.core.spi.AgentCapabilities;
import dev.sandboxagent.core.spi.AgentEventSink;
import dev.sandboxagent.core.spi.AgentMode;
import dev.sandboxagent.core.spi.AgentModels;
import dev.sandboxagent.core.spi.AgentSession;
import dev.sandboxagent.core.spi.AgentSessionSpec;
import dev.sandboxagent.core.spi.CredentialSource;
import dev.sandboxagent.core.spi.NpmDistribution;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A plugin agent distributed on npm: its "CLI" is the real package semver (tiny, no
 * dependencies, a bin of the same name), pinned at 7.7.2.
 */
public final class TinyNpmAdapter implements AgentAdapter {

    @Override
    public String id() {
        return "tiny-npm";
    }

    @Override
    public AgentCapabilities capabilities() {
        return TinySession.CAPABILITIES;
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
    public Optional<NpmDistribution> distribution() {
        return Optional.of(new NpmDistribution("semver", "semver", "7.7.2"));
    }

    @Override
    public List<CredentialSource> credentialSources() {
        return List.of(new CredentialSource.EnvVar("TINY_NPM_TOKEN"));
    }

    @Override
    public AgentSession start(AgentSessionSpec spec, AgentEventSink sink) {
        return new TinySession(spec, sink, "tiny-npm runs " + spec.binary() + ": ");
    }
}
