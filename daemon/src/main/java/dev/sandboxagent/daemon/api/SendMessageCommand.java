package dev.sandboxagent.daemon.api;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code api sessions send-message}: POST /v1/sessions/{id}/messages. */
@Command(name = "send-message", description = {"Posts a message and returns at once (POST /v1/sessions/{id}/messages); "
        + "prints nothing on success (204).", "A message posted while a turn runs becomes the next turn. Follow the events with 'events-sse'."},
        footer = {"  sandbox-daemon api sessions send-message demo --message 'Explain the repo.'",
                "  sandbox-daemon api sessions send-message demo -m 'What is in this file?' \\",
                "      --attachment /workspace/notes.md"})
final class SendMessageCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SESSION_ID", description = "The session.")
    String sessionId;

    @Mixin
    MessageOptions message;

    @Mixin
    ApiOptions api;

    @Override
    public void run() {
        Output.json(spec, api.client().post("/v1/sessions/" + ApiClient.segment(sessionId) + "/messages", message.body()));
    }
}
