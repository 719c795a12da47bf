package dev.sandboxagent.daemon.api;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code api sessions delete}: DELETE /v1/sessions/{id}. */
@Command(name = "delete", description = "Terminates a session if needed and forgets it with its events (DELETE /v1/sessions/{id}).",
        footer = {"  sandbox-daemon api sessions delete demo"})
final class SessionDeleteCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SESSION_ID", description = "The session.")
    String sessionId;

    @Mixin
    ApiOptions api;

    @Override
    public void run() {
        Output.json(spec, api.client().delete("/v1/sessions/" + ApiClient.segment(sessionId)));
    }
}
