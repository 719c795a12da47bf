package dev.sandboxagent.client;

import dev.sandboxagent.core.port.AgentInfo;
import dev.sandboxagent.core.port.AgentService;
import dev.sandboxagent.core.spi.AgentMode;
import dev.sandboxagent.core.spi.AgentModels;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

/** {@link AgentService} over HTTP: the daemon's {@code /v1/agents} routes. */
final class RemoteAgentService implements AgentService {

    private final Transport transport;

    RemoteAgentService(Transport transport) {
        this.transport = transport;
    }

    @Override
    public List<AgentInfo> listAgents() {
        return Json.list(transport.call(transport.request("/v1/agents").GET().build()), "agents", AgentInfo.class);
    }

    /**
     * The daemon has no route for one agent: it is picked from the list, and an unknown id
     * fails as in process (unsupported_agent), through the modes route that checks it.
     */
    @Override
    public AgentInfo getAgent(String agentId) {
        return listAgents().stream().filter(a -> a.id().equals(agentId)).findFirst()
                .orElseGet(() -> {
                    modes(agentId); // throws unsupported_agent for an unknown agent
                    throw new IllegalStateException("agent '" + agentId + "' has modes but is not listed");
                });
    }

    /** {@code version} must be null: the daemon's route always installs the adapter's pinned version. */
    @Override
    public AgentInfo install(String agentId, String version, boolean reinstall) {
        if (version != null) {
            throw dev.sandboxagent.core.error.SandboxException.invalid("the daemon installs only the pinned version"
                    + " of an agent; install another one with `sandbox-daemon install-agent "
                    + agentId + " --version " + version + "`");
        }
        transport.call(transport.request("/v1/agents/" + Transport.segment(agentId) + "/install")
                .POST(Transport.json(Map.of("reinstall", reinstall))).build());
        return getAgent(agentId);
    }

    @Override
    public List<AgentMode> modes(String agentId) {
        return Json.list(transport.call(transport.request("/v1/agents/" + Transport.segment(agentId) + "/modes")
                .GET().build()), "modes", AgentMode.class);
    }

    @Override
    public AgentModels models(String agentId) {
        return Json.read(transport.call(transport.request("/v1/agents/" + Transport.segment(agentId) + "/models")
                .GET().build()), AgentModels.class);
    }
}
