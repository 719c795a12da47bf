package dev.sandboxagent.daemon.api;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code api agents modes}: GET /v1/agents/{agent}/modes. */
@Command(name = "modes", description = "Lists an agent's modes (GET /v1/agents/{agent}/modes).",
        footer = {"  sandbox-daemon api agents modes claude"})
final class AgentsModesCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "AGENT", description = "The agent id, e.g. claude.")
    String agent;

    @Mixin
    ApiOptions api;

    @Override
    public void run() {
        Output.json(spec, api.client().get("/v1/agents/" + ApiClient.segment(agent) + "/modes"));
    }
}
