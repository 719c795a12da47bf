package dev.sandboxagent.daemon.api;

import picocli.CommandLine.Command;

/** {@code sandbox-daemon api agents ...}: the /v1/agents routes. */
@Command(name = "agents",
        description = "The agents the daemon offers: list, install, modes, models (/v1/agents).",
        subcommands = {AgentsListCommand.class, AgentsInstallCommand.class, AgentsModesCommand.class,
                AgentsModelsCommand.class},
        footer = {"  sandbox-daemon api agents list", "  sandbox-daemon api agents install claude --reinstall",
                "  sandbox-daemon api agents models codex"})
final class AgentsCommand {
}
