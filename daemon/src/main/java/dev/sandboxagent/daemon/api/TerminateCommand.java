package dev.sandboxagent.daemon.api;

import jakarta.json.JsonValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code api sessions terminate}: POST /v1/sessions/{id}/terminate. */
@Command(name = "terminate", description = "Ends the agent process; the session's events stay readable (POST /v1/sessions/{id}/terminate).",
        footer = {"  sandbox-daemon api sessions terminate demo"})
final class TerminateCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SESSION_ID", description = "The session.")
    String sessionId;

    @Mixin
    ApiOptions api;

    @Override
    public void run() {
        Output.json(spec, api.client().post("/v1/sessions/" + ApiClient.segment(sessionId) + "/terminate",
                JsonValue.EMPTY_JSON_OBJECT));
    }
}
