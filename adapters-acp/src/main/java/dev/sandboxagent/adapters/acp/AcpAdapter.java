package dev.sandboxagent.adapters.acp;

import dev.sandboxagent.core.spi.AgentAdapter;
import dev.sandboxagent.core.spi.AgentCapabilities;
import dev.sandboxagent.core.spi.AgentEventSink;
import dev.sandboxagent.core.spi.AgentMode;
import dev.sandboxagent.core.spi.AgentModel;
import dev.sandboxagent.core.spi.AgentModels;
import dev.sandboxagent.core.spi.AgentSession;
import dev.sandboxagent.core.spi.AgentSessionSpec;
import dev.sandboxagent.core.spi.CredentialSource;
import dev.sandboxagent.core.spi.NpmDistribution;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Any agent that speaks the Agent Client Protocol (JSON-RPC 2.0 over stdio), as one row of
 * {@link AcpAgents} describes it: one process per session, see {@link AcpSession}. Subclasses
 * only name their row, so that the ServiceLoader can make them without arguments.
 */
public class AcpAdapter implements AgentAdapter {

    private final AcpAgentSpec agent;

    protected AcpAdapter(AcpAgentSpec agent) {
        this.agent = Objects.requireNonNull(agent, "agent");
    }

    public AcpAgentSpec agent() {
        return agent;
    }

    @Override
    public String id() {
        return agent.id();
    }

    @Override
    public AgentCapabilities capabilities() {
        return agent.capabilities();
    }

    @Override
    public List<AgentMode> modes() {
        return agent.modes();
    }

    /** ACP reports models per session (session/new); before one exists we only know the agent picks its own. */
    @Override
    public AgentModels models(Path binary) {
        return new AgentModels(List.<AgentModel>of(), null);
    }

    @Override
    public Optional<NpmDistribution> distribution() {
        return Optional.of(agent.distribution());
    }

    @Override
    public List<CredentialSource> credentialSources() {
        return agent.credentials();
    }

    @Override
    public AgentSession start(AgentSessionSpec spec, AgentEventSink sink) throws Exception {
        return AcpSession.start(agent, spec, sink);
    }
}
