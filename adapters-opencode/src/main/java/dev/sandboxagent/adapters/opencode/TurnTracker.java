package dev.sandboxagent.adapters.opencode;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Decides when a turn is over. OpenCode announces {@code idle} when its loop stops, but the
 * final {@code message.updated} of the assistant (with {@code time.completed}, or the error
 * after an abort) can arrive after it, and an abort can announce idle twice. So a turn ends
 * when the session has gone idle after our prompt's user message appeared <em>and</em> every
 * assistant message answering that user message is complete. Idle events that come before
 * our user message belong to the previous turn and are ignored. Not thread-safe.
 */
final class TurnTracker {

    private final Set<String> seenUserMessages = new HashSet<>();
    private final Map<String, Boolean> assistants = new LinkedHashMap<>();
    private boolean active;
    private String userMessage;
    private boolean idle;
    private boolean errorSeen;
    private JsonObject lastAssistant;
    private JsonObject lastEvent;

    /** A prompt is about to be sent. */
    void begin() {
        active = true;
        userMessage = null;
        idle = false;
        errorSeen = false;
        lastAssistant = null;
        assistants.clear();
    }

    boolean active() {
        return active;
    }

    /** The prompt was not taken: no turn runs. */
    void cancel() {
        active = false;
    }

    /** Feeds one event of our session; true when the turn ended with it (then no turn is active). */
    boolean accept(JsonObject event) {
        String type = Js.str(event, "type");
        JsonObject p = Js.obj(event, "properties");
        if ("message.updated".equals(type)) {
            message(Js.obj(p, "info"));
        } else if ("session.status".equals(type)) {
            String status = Js.str(Js.obj(p, "status"), "type");
            if ("idle".equals(status)) {
                idle();
            } else if ("busy".equals(status)) {
                idle = false; // working again: an earlier idle is not the end
            }
        } else if ("session.idle".equals(type)) {
            idle();
        } else if ("session.error".equals(type) && active) {
            errorSeen = true; // e.g. a prompt that fails before any message exists
        }
        if (active && idle && assistants.values().stream().allMatch(Boolean::booleanValue)) {
            active = false;
            lastEvent = event;
            return true;
        }
        return false;
    }

    /** Idle was seen but an assistant message is still incomplete. */
    boolean waitingForMessages() {
        return active && idle;
    }

    /** Ends the turn even though messages are incomplete (they did not come in time). */
    void forceEnd() {
        active = false;
    }

    private void message(JsonObject info) {
        String id = Js.str(info, "id");
        if (id == null) {
            return;
        }
        if ("user".equals(Js.str(info, "role"))) {
            if (active && userMessage == null && !seenUserMessages.contains(id)) {
                userMessage = id;
            }
            seenUserMessages.add(id);
            return;
        }
        String parent = Js.str(info, "parentID");
        if (active && userMessage == null && parent != null && !seenUserMessages.contains(parent)) {
            userMessage = parent; // the user message's own update was missed
            seenUserMessages.add(parent);
        }
        if (active && parent != null && parent.equals(userMessage)) {
            boolean done = Js.has(Js.obj(info, "time"), "completed") || Js.has(info, "error");
            assistants.put(id, done);
            lastAssistant = info;
        }
    }

    private void idle() {
        if (active && (userMessage != null || errorSeen)) {
            idle = true;
        }
    }

    /** Metadata for turn.ended: why the last assistant message stopped, its tokens, cost, agent and model. */
    JsonObject endMetadata() {
        JsonObjectBuilder b = Js.BUILDERS.createObjectBuilder();
        JsonObject last = lastAssistant;
        if (last != null) {
            String finish = Js.str(last, "finish");
            JsonObject error = Js.obj(last, "error");
            String stop = Js.has(last, "error") ? Js.str(error, "name") : finish;
            if (stop != null) {
                b.add("stop_reason", stop);
            }
            if (Js.has(last, "tokens")) {
                b.add("tokens", last.get("tokens"));
            }
            if (Js.has(last, "cost")) {
                b.add("cost", last.get("cost"));
            }
            b.add("message_id", Js.str(last, "id"));
            if (Js.str(last, "agent") != null) {
                b.add("agent", Js.str(last, "agent"));
            }
            if (Js.str(last, "providerID") != null && Js.str(last, "modelID") != null) {
                b.add("model", Js.str(last, "providerID") + "/" + Js.str(last, "modelID"));
            }
        } else if (errorSeen) {
            b.add("stop_reason", "error");
        }
        return b.build();
    }

    /** The event that ended the last turn. */
    JsonObject lastEvent() {
        return lastEvent;
    }
}
