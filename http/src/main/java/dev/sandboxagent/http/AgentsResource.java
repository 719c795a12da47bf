package dev.sandboxagent.http;

import dev.sandboxagent.core.port.AgentService;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.List;
import java.util.Map;

/** /v1/agents: which agents exist, installing them, their modes and models. */
final class AgentsResource implements ApiResource {

    private final AgentService agents;

    AgentsResource(AgentService agents) {
        this.agents = agents;
    }

    @Override
    public String prefix() {
        return "/v1/agents";
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(
                new Endpoint(Method.GET, "/", this::list),
                new Endpoint(Method.POST, "/{agent}/install", this::install),
                new Endpoint(Method.GET, "/{agent}/modes", this::modes),
                new Endpoint(Method.GET, "/{agent}/models", this::models));
    }

    private void list(ServerRequest req, ServerResponse res) {
        JsonResponses.json(res, Map.of("agents", agents.listAgents()));
    }

    private void install(ServerRequest req, ServerResponse res) {
        String agent = QueryParams.path(req, "agent");
        boolean reinstall = RequestReaders.reinstall(JsonBodies.object(req, true));
        agents.install(agent, null, reinstall);
        JsonResponses.noContent(res);
    }

    private void modes(ServerRequest req, ServerResponse res) {
        JsonResponses.json(res, Map.of("modes", agents.modes(QueryParams.path(req, "agent"))));
    }

    private void models(ServerRequest req, ServerResponse res) {
        JsonResponses.json(res, agents.models(QueryParams.path(req, "agent")));
    }
}
