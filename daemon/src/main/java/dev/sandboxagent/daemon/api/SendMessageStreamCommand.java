package dev.sandboxagent.daemon.api;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code api sessions send-message-stream}: POST /v1/sessions/{id}/messages/stream. */
@Command(name = "send-message-stream", description = {"Posts a message and prints that turn's events, one JSON per line, "
        + "as they arrive (POST /v1/sessions/{id}/messages/stream); ends when the turn ends."},
        footer = {"  sandbox-daemon api sessions send-message-stream demo -m 'stream hello there'",
                "  sandbox-daemon api sessions send-message-stream demo -m 'Fix the tests' \\",
                "      | jq -r 'select(.type == \"item.delta\") | .data.delta'"})
final class SendMessageStreamCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SESSION_ID", description = "The session.")
    String sessionId;

    @Mixin
    MessageOptions message;

    @Option(names = "--include-raw", description = "Include each event's raw agent message.")
    boolean includeRaw;

    @Mixin
    ApiOptions api;

    @Override
    public void run() {
        api.client().stream("/v1/sessions/" + ApiClient.segment(sessionId) + "/messages/stream"
                + (includeRaw ? "?include_raw=true" : ""), message.body(), Output.lines(spec));
    }
}
