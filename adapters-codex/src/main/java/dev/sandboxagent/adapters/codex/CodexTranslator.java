package dev.sandboxagent.adapters.codex;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.schema.ContentPart;
import dev.sandboxagent.core.schema.ItemKind;
import dev.sandboxagent.core.schema.ItemRole;
import dev.sandboxagent.core.schema.ItemStatus;
import dev.sandboxagent.core.spi.AgentEventSink;
import dev.sandboxagent.core.spi.AgentItem;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.sandboxagent.core.json.Jsons.JSON;
import static dev.sandboxagent.core.json.Jsons.object;
import static dev.sandboxagent.core.json.Jsons.string;
import static dev.sandboxagent.core.json.Jsons.value;

/**
 * Turns the app-server's notifications into sink calls, and keeps what codex said about the turn
 * it runs for us (its turn id, usage, running tools). Whether our turn is still open is core's
 * record, not this one's: the end codex reports ({@code turn/completed}) and the one the session
 * decides itself ({@link #finishTurn}, when codex does not confirm an interrupt) both go to core as
 * the end of our turn {@code turn_N}, which core ends once, only while it is the open turn.
 * Thread-safe: notifications come from the reader thread, turn control from the engine's.
 */
final class CodexTranslator {

    /** What the session wants to hear: codex is retrying, the turn made progress, the turn ended. */
    interface Hooks {
        void retrying(String message);

        void progress();

        void turnEnded();

        Hooks NONE = new Hooks() {
            @Override
            public void retrying(String message) {
            }

            @Override
            public void progress() {
            }

            @Override
            public void turnEnded() {
            }
        };
    }

    private final AgentEventSink sink;
    private final Hooks hooks;

    /** Our turn (the engine's turn id) that codex's current turn answers; null before the first. */
    private String turn;
    private String codexTurnId;
    private JsonValue usage;
    private final CodexUsage usageTotals = new CodexUsage();
    private boolean errorReported;
    /** Reasoning item id -> the delta stream shown for it (summary or raw text, whichever came first). */
    private final Map<String, String> reasoningStream = new HashMap<>();
    /** Tool items of the turn that started and have not completed, by id. */
    private final Map<String, JsonObject> runningTools = new LinkedHashMap<>();
    /** Output streamed so far per command item. */
    private final Map<String, StringBuilder> streamedOutput = new HashMap<>();

    CodexTranslator(AgentEventSink sink, Hooks hooks) {
        this.sink = sink;
        this.hooks = hooks;
    }

    // ---- turn control (session side) ------------------------------------------------------

    /** Our turn {@code turnId} is sent to codex: what is said from now on belongs to it. */
    synchronized void beginTurn(String turnId) {
        turn = turnId;
        codexTurnId = null;
        usage = null;
        errorReported = false;
        reasoningStream.clear();
        runningTools.clear();
        streamedOutput.clear();
    }

    synchronized String codexTurnId() {
        return codexTurnId;
    }

    synchronized void codexTurnStarted(String id) {
        if (turn != null && codexTurnId == null) {
            codexTurnId = id;
        }
    }

    /** Commands (the started items) the current turn is still running. */
    synchronized List<JsonObject> runningCommands() {
        return runningTools.values().stream().filter(i -> "commandExecution".equals(string(i, "type"))).toList();
    }

    /** The item codex announced with this id in the current turn, if it is still running. */
    synchronized JsonObject runningItem(String itemId) {
        return runningTools.get(itemId);
    }

    /**
     * Ends our turn {@code turnId} if core still has it open (codex's own end, or the session's when
     * codex did not confirm an interrupt); returns whether it was open. Core ends it once.
     */
    synchronized boolean finishTurn(String turnId, JsonObject metadata, JsonValue raw) {
        if (turnId == null || !turnId.equals(sink.openTurn())) {
            return false; // ended already (by codex, the session, or core), or another turn runs
        }
        runningTools.clear();
        sink.turnEnded(turnId, usageTotals.turnEnded(usage), metadata, raw);
        hooks.turnEnded();
        return true;
    }

    // ---- notifications (reader side) ------------------------------------------------------

    synchronized void onNotification(String method, JsonObject params, JsonObject raw) {
        switch (method) {
            case "turn/started" -> codexTurnStarted(string(object(params, "turn"), "id"));
            case "turn/completed" -> turnCompleted(object(params, "turn"), raw);
            case "thread/tokenUsage/updated" -> usage = value(params, "tokenUsage");
            case "item/started" -> itemStarted(object(params, "item"), raw);
            case "item/completed" -> itemCompleted(object(params, "item"), raw);
            case "item/agentMessage/delta", "item/plan/delta" -> delta(string(params, "itemId"), string(params, "delta"), raw);
            case "item/reasoning/summaryTextDelta" -> reasoningDelta(params, "summary", raw);
            case "item/reasoning/textDelta" -> reasoningDelta(params, "text", raw);
            case "item/commandExecution/outputDelta" -> outputDelta(params, raw);
            case "turn/plan/updated" -> status(null, "plan", planText(params), raw);
            case "error" -> error(params, raw);
            default -> {
                if (CodexNotifications.STATUS.containsKey(method)) {
                    status(null, method, string(params, CodexNotifications.STATUS.get(method)), raw);
                } else if (!CodexNotifications.IGNORED.contains(method)) {
                    sink.unparsed("unknown codex app-server notification '" + method + "'", "stdout", raw.toString());
                }
            }
        }
    }

    private void turnCompleted(JsonObject completed, JsonObject raw) {
        String id = string(completed, "id");
        if (turn == null || !turn.equals(sink.openTurn()) || (codexTurnId != null && id != null && !id.equals(codexTurnId))) {
            return; // a turn we are not running (e.g. one we already ended ourselves)
        }
        String status = string(completed, "status");
        JsonObject error = object(completed, "error");
        if ("failed".equals(status) && !errorReported) {
            String message = string(error, "message");
            sink.error(message != null ? message : "the codex turn failed", errorCode(error), error, raw);
        }
        JsonObjectBuilder meta = JSON.createObjectBuilder().add("stop_reason", String.valueOf(status));
        if (id != null) {
            meta.add("codex_turn_id", id);
        }
        if (!error.isEmpty()) {
            meta.add("error", error);
        }
        if (completed.get("durationMs") instanceof jakarta.json.JsonNumber d) {
            meta.add("duration_ms", d);
        }
        if (usage != null) {
            meta.add("usage", usage);
        }
        finishTurn(turn, meta.build(), raw);
    }

    private void itemStarted(JsonObject item, JsonObject raw) {
        String type = String.valueOf(string(item, "type"));
        String id = string(item, "id");
        switch (type) {
            case "userMessage" -> {
                return; // the engine already reported the user's message
            }
            case "agentMessage", "plan" -> sink.itemStarted(CodexItems.message(item, ItemStatus.IN_PROGRESS), raw);
            case "reasoning" -> sink.itemStarted(CodexItems.reasoning(item, ItemStatus.IN_PROGRESS), raw);
            default -> {
                if (CodexItems.isTool(type) && id != null) {
                    runningTools.put(id, item);
                    // The call is complete as soon as codex announces it; its outcome is a separate item.
                    sink.itemCompleted(CodexItems.toolCall(item), raw);
                }
            }
        }
        hooks.progress();
    }

    private void itemCompleted(JsonObject item, JsonObject raw) {
        String type = String.valueOf(string(item, "type"));
        String id = string(item, "id");
        switch (type) {
            case "userMessage" -> {
                return;
            }
            case "agentMessage", "plan" -> sink.itemCompleted(CodexItems.message(item, ItemStatus.COMPLETED), raw);
            case "reasoning" -> sink.itemCompleted(CodexItems.reasoning(item, ItemStatus.COMPLETED), raw);
            case "contextCompaction", "enteredReviewMode", "exitedReviewMode", "sleep", "subAgentActivity",
                 "hookPrompt", "functionCallOutput" -> status(id, type, statusDetail(item), raw);
            default -> {
                if (CodexItems.isTool(type) && id != null) {
                    if (runningTools.remove(id) == null) {
                        sink.itemCompleted(CodexItems.toolCall(item), raw); // never announced as started
                    }
                    StringBuilder streamed = streamedOutput.remove(id);
                    sink.itemCompleted(CodexItems.toolResult(item, streamed == null ? null : streamed.toString()), raw);
                } else {
                    sink.itemCompleted(CodexItems.unknown(item), raw);
                }
            }
        }
        hooks.progress();
    }

    private void delta(String itemId, String delta, JsonObject raw) {
        if (itemId != null && delta != null) {
            sink.itemDelta(itemId, delta, raw);
            hooks.progress();
        }
    }

    private void reasoningDelta(JsonObject params, String stream, JsonObject raw) {
        String itemId = string(params, "itemId");
        if (itemId != null && stream.equals(reasoningStream.computeIfAbsent(itemId, k -> stream))) {
            delta(itemId, string(params, "delta"), raw);
        }
    }

    private void outputDelta(JsonObject params, JsonObject raw) {
        String itemId = string(params, "itemId");
        String delta = string(params, "delta");
        if (itemId == null || delta == null) {
            return;
        }
        StringBuilder out = streamedOutput.get(itemId);
        if (out == null) {
            out = new StringBuilder();
            streamedOutput.put(itemId, out);
            sink.itemStarted(CodexItems.pendingResult(itemId), raw);
        }
        out.append(delta);
        sink.itemDelta(AgentItem.resultId(itemId), delta, raw);
        hooks.progress();
    }

    private void error(JsonObject params, JsonObject raw) {
        JsonObject error = object(params, "error");
        String message = string(error, "message");
        if (Jsons.bool(params, "willRetry")) {
            String details = string(error, "additionalDetails");
            status(null, "retrying", details == null ? message : message + " (" + details + ")", raw);
            hooks.retrying(message);
            return;
        }
        errorReported = errorReported || sink.openTurn() != null;
        JsonObjectBuilder details = JSON.createObjectBuilder(error).add("willRetry", false);
        sink.error(message != null ? message : "codex reported an error", errorCode(error), details.build(), raw);
    }

    private void status(String nativeId, String label, String detail, JsonObject raw) {
        sink.itemCompleted(AgentItem.status(nativeId, label, detail), raw);
    }

    /** Codex's {@code codexErrorInfo}: a string, or an object with one member naming the kind. */
    static String errorCode(JsonObject error) {
        JsonValue info = value(error, "codexErrorInfo");
        if (info instanceof JsonString s) {
            return s.getString();
        }
        if (info instanceof JsonObject o && !o.isEmpty()) {
            return o.keySet().iterator().next();
        }
        return "codex_error";
    }

    private static String planText(JsonObject params) {
        List<String> lines = new ArrayList<>();
        String explanation = string(params, "explanation");
        if (explanation != null) {
            lines.add(explanation);
        }
        for (JsonValue v : Jsons.array(params, "plan")) {
            JsonObject step = object(v);
            lines.add("[" + string(step, "status") + "] " + string(step, "step"));
        }
        return String.join("\n", lines);
    }

    private static String statusDetail(JsonObject item) {
        for (String k : List.of("review", "text", "kind", "name")) {
            String s = string(item, k);
            if (s != null) {
                return s;
            }
        }
        return null;
    }
}
