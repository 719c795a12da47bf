package dev.sandboxagent.adapters.opencode;

import dev.sandboxagent.core.json.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;

/**
 * Catch-up after a lost {@code /event} stream: a {@link SessionSnapshot} said as the events
 * that would have said it (each message, each part in its latest state, each pending
 * permission and question of the session, and idle when the turn is over), to be fed through
 * the same translator as live events. The translator reports each part, tool state and
 * request once, so what was seen before the cut is not repeated and what happened in the gap
 * is reported now. Each event carries {@code "catchUp": true} (its raw form in the universal log
 * shows where it came from). Events the snapshot cannot tell (text deltas, a {@code session.error})
 * are not made up.
 */
final class EventStreamReconciler {

    private EventStreamReconciler() {
    }

    static List<JsonObject> events(String sessionId, SessionSnapshot snapshot) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonValue m : snapshot.messages()) {
            JsonObject info = m instanceof JsonObject o ? Jsons.objectOrNull(o, "info") : null;
            if (info == null) {
                continue;
            }
            out.add(event("message.updated", sessionId, "info", info));
            for (JsonValue part : Jsons.array((JsonObject) m, "parts")) {
                if (part instanceof JsonObject p) {
                    out.add(event("message.part.updated", sessionId, "part", p));
                }
            }
        }
        requests(out, "permission.asked", sessionId, snapshot.permissions());
        requests(out, "question.asked", sessionId, snapshot.questions());
        if (turnOver(sessionId, snapshot)) {
            out.add(event("session.status", sessionId, "status",
                    Jsons.JSON.createObjectBuilder().add("type", "idle").build()));
        }
        return out;
    }

    /**
     * The session is idle and its last user message has an answer: its loop ran and stopped
     * (an assistant message exists only once the loop runs, and the idle status was read after
     * it). Without an answer, idle may be the moment before the loop starts, so nothing is said.
     */
    static boolean turnOver(String sessionId, SessionSnapshot snapshot) {
        String status = Jsons.string(Jsons.object(snapshot.statuses(), sessionId), "type");
        if (status != null && !"idle".equals(status)) {
            return false;
        }
        String lastUser = null;
        boolean answered = false;
        for (JsonValue m : snapshot.messages()) {
            JsonObject info = Jsons.object(Jsons.object(m), "info");
            if ("user".equals(Jsons.string(info, "role"))) {
                lastUser = Jsons.string(info, "id");
                answered = false;
            } else if (lastUser != null && lastUser.equals(Jsons.string(info, "parentID"))) {
                answered = true;
            }
        }
        return answered;
    }

    private static void requests(List<JsonObject> out, String type, String sessionId, Iterable<JsonValue> pending) {
        for (JsonValue r : pending) {
            if (r instanceof JsonObject request && sessionId.equals(Jsons.string(request, "sessionID"))) {
                out.add(Jsons.JSON.createObjectBuilder().add("type", type).add("catchUp", true)
                        .add("properties", request).build());
            }
        }
    }

    private static JsonObject event(String type, String sessionId, String key, JsonObject value) {
        return Jsons.JSON.createObjectBuilder().add("type", type).add("catchUp", true)
                .add("properties", Jsons.JSON.createObjectBuilder()
                .add("sessionID", sessionId).add(key, value)).build();
    }
}
