package dev.sandboxagent.daemon.api;

import jakarta.json.JsonValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code api sessions interrupt}: POST /v1/sessions/{id}/interrupt. */
@Command(name = "interrupt", description = "Ends the running turn; the session stays usable (POST /v1/sessions/{id}/interrupt).",
        footer = {"  sandbox-daemon api sessions interrupt demo"})
final class InterruptCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SESSION_ID", description = "The session.")
    String sessionId;

    @Mixin
    ApiOptions api;

    @Override
    public void run() {
        Output.json(spec, api.client().post("/v1/sessions/" + ApiClient.segment(sessionId) + "/interrupt",
                JsonValue.EMPTY_JSON_OBJECT));
    }
}
