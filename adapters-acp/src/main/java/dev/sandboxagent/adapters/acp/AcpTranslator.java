package dev.sandboxagent.adapters.acp;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.schema.ItemRole;
import dev.sandboxagent.core.schema.ItemStatus;
import dev.sandboxagent.core.schema.ReasoningVisibility;
import dev.sandboxagent.core.spi.AgentEventSink;
import dev.sandboxagent.core.spi.AgentItem;
import dev.sandboxagent.core.spi.TurnUsage;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static dev.sandboxagent.core.json.Jsons.JSON;

/**
 * Translates ACP {@code session/update} notifications into universal events, one turn at a time.
 * Consecutive message (or thought) chunks form one item, opened by the first chunk and completed
 * when something else arrives or the turn ends; tool calls are items that complete with their
 * result; plans, commands and mode changes are status items; an update kind we do not know is
 * {@code agent.unparsed}. Message chunks and tool calls outside a turn (core's record:
 * {@link AgentEventSink#openTurn()}) are the history an agent replays on {@code session/load}: the
 * daemon has them already, so they are dropped. Synchronized: the reader thread delivers updates,
 * the session begins turns and may end one from a timer.
 */
final class AcpTranslator {

    /** Gemini CLI writes a mode switch (after "allow always") as message text of this form. */
    private static final Pattern MODE_UPDATE_TEXT = Pattern.compile("\\[MODE_UPDATE] (\\S+)");

    private final AgentEventSink sink;
    private final Map<String, AcpToolCalls.Call> calls = new LinkedHashMap<>();
    private int counter;
    private String openId; // the open message or thought item
    private boolean openIsThought;
    private final StringBuilder openText = new StringBuilder();
    private TurnUsage chunkUsage = TurnUsage.NONE; // usage an agent reports on chunks (qwen)
    private volatile long lastUpdate = System.nanoTime();

    AcpTranslator(AgentEventSink sink) {
        this.sink = sink;
    }

    /** A prompt is about to be sent for the turn core has just opened. */
    synchronized void beginTurn() {
        chunkUsage = TurnUsage.NONE;
    }

    private boolean inTurn() {
        return sink.openTurn() != null;
    }

    /**
     * Waits until no update has come for {@code quiet} (at most {@code max}): after
     * {@code session/load}, Gemini CLI goes on replaying the history after its answer, and the
     * replay must not be taken for the next turn's output.
     */
    void awaitQuiet(Duration quiet, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            long idle = System.nanoTime() - lastUpdate;
            if (idle >= quiet.toNanos()) {
                return;
            }
            Thread.sleep(Duration.ofNanos(quiet.toNanos() - idle));
        }
    }

    /** One {@code session/update}'s params; {@code line} is the raw message for unparsed output. */
    synchronized void onUpdate(JsonObject params, JsonObject raw, String line) {
        lastUpdate = System.nanoTime();
        JsonObject update = Jsons.objectOrNull(params, "update");
        String kind = update == null ? null : Jsons.string(update, "sessionUpdate");
        if (kind == null) {
            sink.unparsed("session/update without an update kind", "session/update", line);
            return;
        }
        switch (kind) {
            case "agent_message_chunk" -> chunk(update, false, raw);
            case "agent_thought_chunk" -> chunk(update, true, raw);
            case "user_message_chunk" -> { } // our own prompt, or history replayed by session/load
            case "tool_call", "tool_call_update" -> toolCall(update, raw);
            case "plan" -> status("plan", plan(update), raw);
            case "available_commands_update" -> status("commands", commands(update), raw);
            case "current_mode_update" -> status("mode", Jsons.string(update, "currentModeId"), raw);
            case "session_info_update" -> status("session_info", Jsons.string(update, "title"), raw);
            default -> sink.unparsed("unknown session/update kind '" + kind + "'", "session/update", line);
        }
    }

    private void chunk(JsonObject update, boolean thought, JsonObject raw) {
        collectChunkUsage(update);
        if (!inTurn()) {
            return; // history replayed by session/load
        }
        JsonObject content = Jsons.objectOrNull(update, "content");
        String type = content == null ? null : Jsons.string(content, "type");
        if (!"text".equals(type)) {
            closeOpen();
            sink.itemCompleted(AgentItem.unknown(nextId("content"), ItemRole.ASSISTANT,
                    content == null ? JsonValue.NULL : content), raw);
            return;
        }
        String text = Jsons.string(content, "text");
        if (text == null || text.isEmpty()) {
            return; // qwen sends an empty chunk carrying the usage
        }
        Matcher mode = MODE_UPDATE_TEXT.matcher(text);
        if (!thought && mode.matches()) {
            status("mode", mode.group(1), raw);
            return;
        }
        if (openId != null && openIsThought != thought) {
            closeOpen();
        }
        if (openId == null) {
            openId = nextId(thought ? "thought" : "msg");
            openIsThought = thought;
            sink.itemStarted(thought
                    ? AgentItem.reasoning(openId, "", ReasoningVisibility.PUBLIC).withStatus(ItemStatus.IN_PROGRESS)
                            .withContent(java.util.List.of())
                    : AgentItem.messageStarted(openId, ItemRole.ASSISTANT), raw);
        }
        openText.append(text);
        sink.itemDelta(openId, text, raw);
    }

    private void collectChunkUsage(JsonObject update) {
        JsonObject meta = Jsons.objectOrNull(update, "_meta");
        JsonObject usage = meta == null ? null : Jsons.objectOrNull(meta, "usage");
        if (usage != null && inTurn()) {
            chunkUsage = chunkUsage.plus(new TurnUsage(TurnUsage.count(usage, "inputTokens"),
                    TurnUsage.count(usage, "outputTokens"), TurnUsage.count(usage, "cachedReadTokens"), null));
        }
    }

    /** Completes the open message or thought item, if any. */
    private void closeOpen() {
        if (openId == null) {
            return;
        }
        String text = openText.toString();
        sink.itemCompleted(openIsThought ? AgentItem.reasoning(openId, text, ReasoningVisibility.PUBLIC)
                : AgentItem.text(openId, ItemRole.ASSISTANT, text), null);
        openId = null;
        openText.setLength(0);
    }

    private void toolCall(JsonObject update, JsonObject raw) {
        String id = Jsons.string(update, "toolCallId");
        if (!inTurn() || id == null) {
            return; // replayed history (or a malformed update, which has nothing to show)
        }
        closeOpen();
        AcpToolCalls.Call call = calls.get(id);
        if (call == null) {
            call = new AcpToolCalls.Call(id);
            calls.put(id, call);
            call.merge(update);
            sink.itemStarted(call.callItem(ItemStatus.IN_PROGRESS), raw);
        } else {
            call.merge(update);
        }
        if (call.finished()) {
            finish(call, "failed".equals(call.status()), raw);
        }
    }

    private void finish(AcpToolCalls.Call call, boolean failed, JsonObject raw) {
        calls.remove(call.id);
        sink.itemCompleted(call.callItem(ItemStatus.COMPLETED), raw);
        sink.itemCompleted(call.resultItem(failed), raw);
    }

    /** The tool call's fields as a permission request shows them (it may be the first we hear of it). */
    synchronized void permissionAsked(JsonObject toolCall) {
        String id = Jsons.string(toolCall, "toolCallId");
        if (id != null && inTurn() && !calls.containsKey(id)) {
            closeOpen();
            AcpToolCalls.Call call = new AcpToolCalls.Call(id);
            call.merge(toolCall);
            call.merge(JSON.createObjectBuilder().add("status", "pending").build());
            calls.put(id, call);
            sink.itemStarted(call.callItem(ItemStatus.IN_PROGRESS), null);
        }
    }

    private void status(String label, String detail, JsonObject raw) {
        closeOpen();
        sink.itemCompleted(AgentItem.status(nextId(label), label, detail == null ? "" : detail), raw);
    }

    private static String plan(JsonObject update) {
        JsonArray entries = Jsons.array(update, "entries");
        return entries == null ? "" : entries.stream().filter(v -> v instanceof JsonObject).map(v -> (JsonObject) v)
                .map(e -> "[" + Jsons.string(e, "status") + "] " + Jsons.string(e, "content"))
                .collect(Collectors.joining("\n"));
    }

    private static String commands(JsonObject update) {
        JsonArray list = Jsons.array(update, "availableCommands");
        return list == null ? "" : list.stream().filter(v -> v instanceof JsonObject)
                .map(v -> "/" + Jsons.string((JsonObject) v, "name")).collect(Collectors.joining(" "));
    }

    /**
     * Turn {@code turnId} is over ({@code session/prompt} answered or failed, or the interrupt's
     * grace ran out): if it is still the open turn, open items are completed, calls that never
     * finished end as failed (cancelled), and the turn ends with the usage the agent reported.
     */
    synchronized void turnEnded(String turnId, JsonObject result, JsonObject metadata) {
        if (turnId == null || !turnId.equals(sink.openTurn())) {
            return; // a late end of a turn that is over
        }
        closeOpen();
        for (AcpToolCalls.Call call : java.util.List.copyOf(calls.values())) {
            finish(call, true, null);
        }
        sink.turnEnded(turnId, AcpUsage.of(result).plus(chunkUsage), metadata, result);
    }

    private String nextId(String what) {
        return "acp-" + what + "-" + (++counter);
    }
}
