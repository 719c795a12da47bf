package dev.sandboxagent.daemon.api;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code api sessions get}: GET /v1/sessions/{id}. */
@Command(name = "get", description = "Shows one session (GET /v1/sessions/{id}).",
        footer = {"  sandbox-daemon api sessions get demo | jq .eventCount"})
final class SessionGetCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SESSION_ID", description = "The session.")
    String sessionId;

    @Mixin
    ApiOptions api;

    @Override
    public void run() {
        Output.json(spec, api.client().get("/v1/sessions/" + ApiClient.segment(sessionId)));
    }
}
