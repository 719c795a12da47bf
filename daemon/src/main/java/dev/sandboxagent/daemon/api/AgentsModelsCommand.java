package dev.sandboxagent.daemon.api;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code api agents models}: GET /v1/agents/{agent}/models. */
@Command(name = "models", description = "Lists an agent's models and its default model (GET /v1/agents/{agent}/models).",
        footer = {"  sandbox-daemon api agents models codex | jq -r '.models[].id'"})
final class AgentsModelsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "AGENT", description = "The agent id, e.g. codex.")
    String agent;

    @Mixin
    ApiOptions api;

    @Override
    public void run() {
        Output.json(spec, api.client().get("/v1/agents/" + ApiClient.segment(agent) + "/models"));
    }
}
