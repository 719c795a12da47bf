package dev.sandboxagent.daemon.api;

import jakarta.json.JsonValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sandbox-daemon api sessions ...}: the /v1/sessions routes. The calls that take only ids
 * and print the answer are the methods below; those with options of their own are classes.
 */
@Command(name = "sessions",
        description = "Sessions: create, message, follow events, answer permissions and questions, interrupt, terminate (/v1/sessions).",
        subcommands = {SessionCreateCommand.class, SendMessageCommand.class, SendMessageStreamCommand.class,
                EventsCommand.class, EventsSseCommand.class, ReplyPermissionCommand.class, ReplyQuestionCommand.class},
        footer = {"  sandbox-daemon api sessions create demo --agent claude",
                "  sandbox-daemon api sessions send-message-stream demo -m 'Explain the repo.'",
                "  sandbox-daemon api sessions events-sse demo --offset 0",
                "  sandbox-daemon api sessions reply-permission demo perm_1 --reply once",
                "  sandbox-daemon api sessions terminate demo"})
final class SessionsCommand {

    private static final String SESSION = "The session.";

    @Spec
    CommandSpec spec;

    @Command(name = "list", description = "Lists the sessions (GET /v1/sessions).",
            footer = {"  sandbox-daemon api sessions list \\",
                    "      | jq -r '.sessions[] | select(.ended | not) | .sessionId'"})
    void list(@Mixin ApiOptions api) {
        Output.json(spec, api.client().get("/v1/sessions"));
    }

    @Command(name = "get", description = "Shows one session (GET /v1/sessions/{id}).",
            footer = {"  sandbox-daemon api sessions get demo | jq .eventCount"})
    void get(@Parameters(paramLabel = "SESSION_ID", description = SESSION) String sessionId, @Mixin ApiOptions api) {
        Output.json(spec, api.client().get(path(sessionId, "")));
    }

    @Command(name = "interrupt", description = "Ends the running turn; the session stays usable (POST /v1/sessions/{id}/interrupt).",
            footer = {"  sandbox-daemon api sessions interrupt demo"})
    void interrupt(@Parameters(paramLabel = "SESSION_ID", description = SESSION) String sessionId, @Mixin ApiOptions api) {
        Output.json(spec, api.client().post(path(sessionId, "/interrupt"), JsonValue.EMPTY_JSON_OBJECT));
    }

    @Command(name = "terminate", description = "Ends the agent process; the session's events stay readable (POST /v1/sessions/{id}/terminate).",
            footer = {"  sandbox-daemon api sessions terminate demo"})
    void terminate(@Parameters(paramLabel = "SESSION_ID", description = SESSION) String sessionId, @Mixin ApiOptions api) {
        Output.json(spec, api.client().post(path(sessionId, "/terminate"), JsonValue.EMPTY_JSON_OBJECT));
    }

    @Command(name = "delete", description = "Terminates a session if needed and forgets it with its events (DELETE /v1/sessions/{id}).",
            footer = {"  sandbox-daemon api sessions delete demo"})
    void delete(@Parameters(paramLabel = "SESSION_ID", description = SESSION) String sessionId, @Mixin ApiOptions api) {
        Output.json(spec, api.client().delete(path(sessionId, "")));
    }

    @Command(name = "reject-question", description = "Declines to answer an agent's question "
            + "(POST /v1/sessions/{id}/questions/{question_id}/reject); prints nothing on success (204).",
            footer = {"  sandbox-daemon api sessions reject-question demo q_1"})
    void rejectQuestion(@Parameters(paramLabel = "SESSION_ID", description = SESSION) String sessionId,
                        @Parameters(paramLabel = "QUESTION_ID", description = "The question.") String questionId,
                        @Mixin ApiOptions api) {
        Output.json(spec, api.client().post(path(sessionId, "/questions/" + ApiClient.segment(questionId) + "/reject"),
                JsonValue.EMPTY_JSON_OBJECT));
    }

    private static String path(String sessionId, String rest) {
        return "/v1/sessions/" + ApiClient.segment(sessionId) + rest;
    }
}
