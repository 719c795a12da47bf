package dev.sandboxagent.core.engine;

import dev.sandboxagent.core.error.SandboxException;
import dev.sandboxagent.core.schema.EventData;
import dev.sandboxagent.core.schema.PermissionEventData;
import dev.sandboxagent.core.schema.PermissionReply;
import dev.sandboxagent.core.schema.PermissionStatus;
import dev.sandboxagent.core.schema.QuestionEventData;
import dev.sandboxagent.core.schema.QuestionStatus;
import dev.sandboxagent.core.schema.UniversalEventType;
import jakarta.json.JsonObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.sandboxagent.core.json.Jsons.JSON;

/**
 * The permission requests and questions of one session, and the rule that each is resolved
 * exactly once: an unknown id is not found, a second answer a conflict. Not thread-safe: the
 * {@link Normalizer} owns it and calls it under its monitor.
 */
final class PendingRequests {

    private final Map<String, PermissionEventData> permissions = new HashMap<>();
    private final Map<String, QuestionEventData> questions = new HashMap<>();
    // Ids resolved so far, with how ("was already answered", ...); their data stays in the maps for conflict answers.
    private final Map<String, String> resolved = new HashMap<>();
    private static final String ANSWERED = "was already answered";

    /** A permission request or a question the agent asked. */
    void requested(EventData request) {
        switch (request) {
            case PermissionEventData p -> {
                permissions.put(p.permissionId(), p);
                resolved.remove("p:" + p.permissionId());
            }
            case QuestionEventData q -> {
                questions.put(q.questionId(), q);
                resolved.remove("q:" + q.questionId());
            }
            default -> throw new IllegalArgumentException("not a request: " + request);
        }
    }

    /** The resolution to log for this reply, or a not-found / conflict refusal. */
    PermissionEventData answer(String permissionId, PermissionReply reply) {
        PermissionEventData p = permissions.get(permissionId);
        if (p == null) {
            throw SandboxException.notFound("no permission request with id '" + permissionId + "' in this session", null);
        }
        claim("p:" + permissionId, "permission request '" + permissionId + "'");
        return p.withStatus(switch (reply) {
            case ONCE -> PermissionStatus.ACCEPT;
            case ALWAYS -> PermissionStatus.ACCEPT_FOR_SESSION;
            case REJECT -> PermissionStatus.REJECT;
        });
    }

    /**
     * The resolution to log for these answers ({@code answers} null: rejected), or a not-found /
     * conflict refusal, or an invalid request when a question of several sub-questions does not get one list for each.
     */
    QuestionEventData answer(String questionId, List<List<String>> answers) {
        QuestionEventData q = questions.get(questionId);
        if (q == null) {
            throw SandboxException.notFound("no question with id '" + questionId + "' in this session", null);
        }
        int asked = q.questions().size();
        if (answers != null && asked > 1 && answers.size() != asked && !resolved.containsKey("q:" + questionId)) {
            throw SandboxException.invalid("question '" + questionId + "' asks " + asked + " questions: 'answers' needs"
                    + " one list per question, in order (got " + answers.size() + ")");
        }
        claim("q:" + questionId, "question '" + questionId + "'");
        return answers == null ? q.resolved(QuestionStatus.REJECTED, null)
                : q.resolved(QuestionStatus.ANSWERED, QuestionAnswers.describe(answers));
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
            if (resolved.putIfAbsent("p:" + id, ANSWERED) == null) {
                out.add(p.withStatus(PermissionStatus.REJECT));
            }
        });
        questions.forEach((id, q) -> {
            if (resolved.putIfAbsent("q:" + id, ANSWERED) == null) {
                out.add(q.resolved(QuestionStatus.REJECTED, null));
            }
        });
        return out;
    }

    /**
     * The resolution to log when the agent withdraws request {@code id} (rejected, with
     * {@code withdrawn: {by: agent, reason}} in a permission's metadata), or null when no such
     * request is open. Later answers get a conflict saying it was withdrawn.
     */
    EventData withdraw(String id, String reason) {
        String how = "was withdrawn by the agent" + (reason == null ? "" : " (" + reason + ")");
        PermissionEventData p = permissions.get(id);
        if (p != null && resolved.putIfAbsent("p:" + id, how) == null) {
            var withdrawn = JSON.createObjectBuilder().add("by", "agent");
            if (reason != null) {
                withdrawn.add("reason", reason);
            }
            var metadata = p.metadata() instanceof JsonObject o ? JSON.createObjectBuilder(o) : JSON.createObjectBuilder();
            return new PermissionEventData(id, p.action(), PermissionStatus.REJECT,
                    metadata.add("withdrawn", withdrawn).build());
        }
        QuestionEventData q = questions.get(id);
        if (q != null && resolved.putIfAbsent("q:" + id, how) == null) {
            return q.resolved(QuestionStatus.REJECTED, null);
        }
        return null;
    }

    /** The event type that logs {@code resolution}. */
    static UniversalEventType resolvedType(EventData resolution) {
        return resolution instanceof PermissionEventData ? UniversalEventType.PERMISSION_RESOLVED
                : UniversalEventType.QUESTION_RESOLVED;
    }

    private void claim(String key, String what) {
        String how = resolved.putIfAbsent(key, ANSWERED);
        if (how != null) {
            throw SandboxException.conflict(what + " " + how, null);
        }
    }
}
