package dev.sandboxagent.daemon.api;

import dev.sandboxagent.core.json.Jsons;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code api agents install}: POST /v1/agents/{agent}/install. */
@Command(name = "install", description = {"Has the daemon install an agent's CLI (POST /v1/agents/{agent}/install); "
        + "prints nothing on success (204).",
        "The daemon installs the version its adapter pins; use 'sandbox-daemon install-agent --version' on the daemon's machine for another."},
        footer = {"  sandbox-daemon api agents install claude", "  sandbox-daemon api agents install codex --reinstall"})
final class AgentsInstallCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "AGENT", description = "The agent id, e.g. claude.")
    String agent;

    @Option(names = {"-r", "--reinstall"}, description = "Install again even when already installed.")
    boolean reinstall;

    @Mixin
    ApiOptions api;

    @Override
    public void run() {
        Output.json(spec, api.client().post("/v1/agents/" + ApiClient.segment(agent) + "/install",
                Jsons.JSON.createObjectBuilder().add("reinstall", reinstall).build()));
    }
}
