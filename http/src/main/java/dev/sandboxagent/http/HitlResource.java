package dev.sandboxagent.http;

import dev.sandboxagent.core.port.SessionService;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.List;

/** Human-in-the-loop answers: permission replies, question replies and rejections. */
final class HitlResource extends SessionRoutes {

    HitlResource(SessionService sessions) {
        super(sessions);
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(
                new Endpoint(Method.POST, "/{session_id}/permissions/{permission_id}/reply", this::replyPermission),
                new Endpoint(Method.POST, "/{session_id}/questions/{question_id}/reply", this::replyQuestion),
                new Endpoint(Method.POST, "/{session_id}/questions/{question_id}/reject", this::rejectQuestion));
    }

    private void replyPermission(ServerRequest req, ServerResponse res) {
        var reply = RequestReaders.permissionReply(JsonBodies.object(req, false));
        sessions.replyPermission(QueryParams.path(req, "session_id"), QueryParams.path(req, "permission_id"), reply);
        JsonResponses.noContent(res);
    }

    private void replyQuestion(ServerRequest req, ServerResponse res) {
        var answers = RequestReaders.answers(JsonBodies.object(req, false));
        sessions.replyQuestion(QueryParams.path(req, "session_id"), QueryParams.path(req, "question_id"), answers);
        JsonResponses.noContent(res);
    }

    private void rejectQuestion(ServerRequest req, ServerResponse res) {
        sessions.rejectQuestion(QueryParams.path(req, "session_id"), QueryParams.path(req, "question_id"));
        JsonResponses.noContent(res);
    }
}
