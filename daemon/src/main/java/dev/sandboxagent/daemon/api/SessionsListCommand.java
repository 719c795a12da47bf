package dev.sandboxagent.daemon.api;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code api sessions list}: GET /v1/sessions. */
@Command(name = "list", description = "Lists the sessions (GET /v1/sessions).",
        footer = {"  sandbox-daemon api sessions list \\",
                "      | jq -r '.sessions[] | select(.ended | not) | .sessionId'"})
final class SessionsListCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    ApiOptions api;

    @Override
    public void run() {
        Output.json(spec, api.client().get("/v1/sessions"));
    }
}
