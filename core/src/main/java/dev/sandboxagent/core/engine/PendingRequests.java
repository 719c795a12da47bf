package dev.sandboxagent.core.engine;

import dev.sandboxagent.core.error.ErrorType;
import dev.sandboxagent.core.error.SandboxException;
import dev.sandboxagent.core.schema.EventData;
import dev.sandboxagent.core.schema.PermissionEventData;
import dev.sandboxagent.core.schema.PermissionReply;
import dev.sandboxagent.core.schema.PermissionStatus;
import dev.sandboxagent.core.schema.QuestionEventData;
import dev.sandboxagent.core.schema.QuestionStatus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The permission requests and questions of one session, and the rule that each is resolved
 * exactly once: an unknown id is a 404, a second answer a 409. Not thread-safe: the
 * {@link Normalizer} owns it and calls it under its monitor.
 */
final class PendingRequests {

    private final Map<String, PermissionEventData> permissions = new HashMap<>();
    private final Map<String, QuestionEventData> questions = new HashMap<>();
    // Ids resolved so far; their data stays in the maps for 409 answers.
    private final Map<String, Boolean> resolved = new HashMap<>();

    void requested(PermissionEventData permission) {
        permissions.put(permission.permissionId(), permission);
        resolved.remove("p:" + permission.permissionId());
    }

    void requested(QuestionEventData question) {
        questions.put(question.questionId(), question);
        resolved.remove("q:" + question.questionId());
    }

    /** The resolution to log for this reply, or a 404/409 problem. */
    PermissionEventData answer(String permissionId, PermissionReply reply) {
        PermissionEventData p = permissions.get(permissionId);
        if (p == null) {
            throw new SandboxException(ErrorType.INVALID_REQUEST, 404,
                    "no permission request with id '" + permissionId + "' in this session", null);
        }
        claim("p:" + permissionId, "permission request '" + permissionId + "'");
        return p.withStatus(switch (reply) {
            case ONCE -> PermissionStatus.ACCEPT;
            case ALWAYS -> PermissionStatus.ACCEPT_FOR_SESSION;
            case REJECT -> PermissionStatus.REJECT;
        });
    }

    /** The resolution to log for this answer ({@code response} null: rejected), or a 404/409 problem. */
    QuestionEventData answer(String questionId, String response) {
        QuestionEventData q = questions.get(questionId);
        if (q == null) {
            throw new SandboxException(ErrorType.INVALID_REQUEST, 404,
                    "no question with id '" + questionId + "' in this session", null);
        }
        claim("q:" + questionId, "question '" + questionId + "'");
        return q.resolved(response == null ? QuestionStatus.REJECTED : QuestionStatus.ANSWERED, response);
    }

    /** Whether a request is still waiting for its answer. */
    boolean hasOpen() {
        return permissions.keySet().stream().anyMatch(id -> !resolved.containsKey("p:" + id))
                || questions.keySet().stream().anyMatch(id -> !resolved.containsKey("q:" + id));
    }

    /** Resolutions (as rejected) of everything still open: nobody can answer them any more. */
    List<EventData> closeAll() {
        List<EventData> out = new ArrayList<>();
        permissions.forEach((id, p) -> {
            if (resolved.putIfAbsent("p:" + id, true) == null) {
                out.add(p.withStatus(PermissionStatus.REJECT));
            }
        });
        questions.forEach((id, q) -> {
            if (resolved.putIfAbsent("q:" + id, true) == null) {
                out.add(q.resolved(QuestionStatus.REJECTED, null));
            }
        });
        return out;
    }

    private void claim(String key, String what) {
        if (resolved.putIfAbsent(key, true) != null) {
            throw new SandboxException(ErrorType.INVALID_REQUEST, 409, what + " was already answered", null);
        }
    }
}
