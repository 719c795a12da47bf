package dev.sandboxagent.daemon.api;

import jakarta.json.JsonValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code api sessions reject-question}: POST /v1/sessions/{id}/questions/{question_id}/reject. */
@Command(name = "reject-question", description = "Declines to answer an agent's question "
        + "(POST /v1/sessions/{id}/questions/{question_id}/reject); prints nothing on success (204).",
        footer = {"  sandbox-daemon api sessions reject-question demo q_1"})
final class RejectQuestionCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SESSION_ID", description = "The session.")
    String sessionId;

    @Parameters(index = "1", paramLabel = "QUESTION_ID", description = "The question.")
    String questionId;

    @Mixin
    ApiOptions api;

    @Override
    public void run() {
        Output.json(spec, api.client().post("/v1/sessions/" + ApiClient.segment(sessionId) + "/questions/"
                + ApiClient.segment(questionId) + "/reject", JsonValue.EMPTY_JSON_OBJECT));
    }
}
