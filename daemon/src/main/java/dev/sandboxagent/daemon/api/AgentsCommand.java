package dev.sandboxagent.daemon.api;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sandbox-daemon api agents ...}: the /v1/agents routes; the read-only calls are the methods below. */
@Command(name = "agents",
        description = "The agents the daemon offers: list, install, modes, models (/v1/agents).",
        subcommands = AgentsInstallCommand.class,
        footer = {"  sandbox-daemon api agents list", "  sandbox-daemon api agents install claude --reinstall",
                "  sandbox-daemon api agents models codex"})
final class AgentsCommand {

    @Spec
    CommandSpec spec;

    @Command(name = "list", description = "Lists the agents with installed, version, path, credentialsAvailable and capabilities (GET /v1/agents).",
            footer = {"  sandbox-daemon api agents list",
                    "  sandbox-daemon api agents list | jq -r '.agents[]|select(.installed)|.id'"})
    void list(@Mixin ApiOptions api) {
        Output.json(spec, api.client().get("/v1/agents"));
    }

    @Command(name = "modes", description = "Lists an agent's modes (GET /v1/agents/{agent}/modes).",
            footer = {"  sandbox-daemon api agents modes claude"})
    void modes(@Parameters(paramLabel = "AGENT", description = "The agent id, e.g. claude.") String agent,
               @Mixin ApiOptions api) {
        Output.json(spec, api.client().get("/v1/agents/" + ApiClient.segment(agent) + "/modes"));
    }

    @Command(name = "models", description = "Lists an agent's models and its default model (GET /v1/agents/{agent}/models).",
            footer = {"  sandbox-daemon api agents models codex | jq -r '.models[].id'"})
    void models(@Parameters(paramLabel = "AGENT", description = "The agent id, e.g. codex.") String agent,
                @Mixin ApiOptions api) {
        Output.json(spec, api.client().get("/v1/agents/" + ApiClient.segment(agent) + "/models"));
    }
}
