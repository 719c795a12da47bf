package dev.sandboxagent.adapters.opencode;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.spi.TurnUsage;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Tells, from OpenCode's events, when it has finished answering our prompt. OpenCode announces
 * {@code idle} when its loop stops, but the final {@code message.updated} of the assistant (with
 * {@code time.completed}, or the error after an abort) can arrive after it, and an abort can
 * announce idle twice. So the answer is complete when the session has gone idle after our
 * prompt's user message appeared <em>and</em> every assistant message answering that user message
 * is complete. Idle events that come before our user message belong to the previous turn and are
 * ignored. Whether our prompt's turn is still open is core's record ({@code openTurn}), not this
 * one's: once the end is reported, core closes the turn and nothing here ends it again; and events
 * that come after core opened the next turn but before its prompt was sent are not taken for it.
 * Not thread-safe.
 */
final class TurnEndDetector {

    private final Supplier<String> openTurn;
    /** The turn our last prompt was sent for. */
    private String turnId;
    private final Set<String> seenUserMessages = new HashSet<>();
    private final Map<String, Boolean> assistants = new LinkedHashMap<>();
    // each answering assistant message's latest usage: OpenCode starts a new message per step
    private final Map<String, TurnUsage> usages = new HashMap<>();
    private String userMessage;
    private boolean idle;
    private boolean errorSeen;
    private JsonObject lastAssistant;
    private JsonObject lastEvent;

    /** {@code openTurn}: core's open turn (the sink's {@code openTurn()}). */
    TurnEndDetector(Supplier<String> openTurn) {
        this.openTurn = openTurn;
    }

    /** The prompt of turn {@code turnId} is about to be sent: what follows answers it. */
    void begin(String turnId) {
        this.turnId = turnId;
        userMessage = null;
        idle = false;
        errorSeen = false;
        lastAssistant = null;
        assistants.clear();
        usages.clear();
    }

    /** Feeds one event of our session; true when our prompt's answer is complete with it (report the turn's end). */
    boolean accept(JsonObject event) {
        boolean active = turnOpen();
        String type = Jsons.string(event, "type");
        JsonObject p = Jsons.object(event, "properties");
        if ("message.updated".equals(type)) {
            message(Jsons.object(p, "info"));
        } else if ("session.status".equals(type)) {
            String status = Jsons.string(Jsons.object(p, "status"), "type");
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
            lastEvent = event;
            return true;
        }
        return false;
    }

    /** Idle was seen but an assistant message is still incomplete. */
    boolean waitingForMessages() {
        return idle && turnOpen();
    }

    /** The turn of the prompt being answered, to end it by (core ignores it once that turn is over). */
    String turnId() {
        return turnId;
    }

    /** Whether core still has our prompt's turn open. */
    private boolean turnOpen() {
        return turnId != null && turnId.equals(openTurn.get());
    }

    private void message(JsonObject info) {
        boolean active = turnOpen();
        String id = Jsons.string(info, "id");
        if (id == null) {
            return;
        }
        if ("user".equals(Jsons.string(info, "role"))) {
            if (active && userMessage == null && !seenUserMessages.contains(id)) {
                userMessage = id;
            }
            seenUserMessages.add(id);
            return;
        }
        String parent = Jsons.string(info, "parentID");
        if (active && userMessage == null && parent != null && !seenUserMessages.contains(parent)) {
            userMessage = parent; // the user message's own update was missed
            seenUserMessages.add(parent);
        }
        if (active && parent != null && parent.equals(userMessage)) {
            boolean done = Jsons.has(Jsons.object(info, "time"), "completed") || Jsons.has(info, "error");
            assistants.put(id, done);
            usages.put(id, usageOf(info));
            lastAssistant = info;
        }
    }

    private void idle() {
        if (turnOpen() && (userMessage != null || errorSeen)) {
            idle = true;
        }
    }

    /** The turn's usage: the sum over every assistant message that answered its user message. */
    TurnUsage usage() {
        return usages.values().stream().reduce(TurnUsage.NONE, TurnUsage::plus);
    }

    /**
     * One assistant message's {@code tokens} and {@code cost}: reasoning tokens count as output,
     * cache reads as cached.
     */
    static TurnUsage usageOf(JsonObject message) {
        JsonObject tokens = Jsons.object(message, "tokens");
        return new TurnUsage(TurnUsage.count(tokens, "input"),
                TurnUsage.count(tokens, "output") + TurnUsage.count(tokens, "reasoning"),
                TurnUsage.count(Jsons.object(tokens, "cache"), "read"), TurnUsage.decimal(message, "cost"));
    }

    /** Metadata for turn.ended: why the last assistant message stopped, its tokens, cost, agent and model. */
    JsonObject endMetadata() {
        JsonObjectBuilder b = Jsons.JSON.createObjectBuilder();
        JsonObject last = lastAssistant;
        if (last != null) {
            String finish = Jsons.string(last, "finish");
            JsonObject error = Jsons.object(last, "error");
            String stop = Jsons.has(last, "error") ? Jsons.string(error, "name") : finish;
            if (stop != null) {
                b.add("stop_reason", stop);
            }
            if (Jsons.has(last, "tokens")) {
                b.add("tokens", last.get("tokens"));
            }
            if (Jsons.has(last, "cost")) {
                b.add("cost", last.get("cost"));
            }
            b.add("message_id", Jsons.string(last, "id"));
            if (Jsons.string(last, "agent") != null) {
                b.add("agent", Jsons.string(last, "agent"));
            }
            if (Jsons.string(last, "providerID") != null && Jsons.string(last, "modelID") != null) {
                b.add("model", Jsons.string(last, "providerID") + "/" + Jsons.string(last, "modelID"));
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
