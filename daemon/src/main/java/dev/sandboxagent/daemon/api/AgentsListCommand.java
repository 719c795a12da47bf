package dev.sandboxagent.daemon.api;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code api agents list}: GET /v1/agents. */
@Command(name = "list", description = "Lists the agents with installed, version, path, credentialsAvailable and capabilities (GET /v1/agents).",
        footer = {"  sandbox-daemon api agents list",
                "  sandbox-daemon api agents list | jq -r '.agents[]|select(.installed)|.id'"})
final class AgentsListCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    ApiOptions api;

    @Override
    public void run() {
        Output.json(spec, api.client().get("/v1/agents"));
    }
}
