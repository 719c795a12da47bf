package dev.sandboxagent.adapters.amp;

import dev.sandboxagent.core.json.ContentBlocks;
import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.schema.ItemRole;
import dev.sandboxagent.core.schema.ReasoningVisibility;
import dev.sandboxagent.core.spi.AgentEventSink;
import dev.sandboxagent.core.spi.AgentItem;
import dev.sandboxagent.core.spi.TurnUsage;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.List;

/**
 * Translates the stdout of one {@code amp -x --stream-json} turn (one JSON object per line,
 * Claude-Code-like) into sink calls: {@code system/init} announces the thread, whole
 * {@code assistant} messages become text, reasoning and tool-call items (Amp never streams
 * partial text, so core adds the single delta), {@code tool_result} blocks of {@code user}
 * messages become tool-result items, and {@code result} ends the turn. Anything else is
 * reported as unparsed. Pure apart from the sink; one instance per turn, our turn {@code turnId}:
 * its ends go to core turn-scoped, so a late line of an old turn's process never ends a newer
 * turn, and whether the turn is over or was interrupted is core's record, read from the sink.
 */
public final class AmpTranslator {

    /** How Amp words a tool call that its permission rules refused (the result is not marked as an error). */
    static final String REJECTED_PREFIX = "Tool rejected by ";

    private final AgentEventSink sink;
    private final String turnId;
    private volatile String threadId;
    private JsonObject lastUsage;
    // the turn's usage: every assistant message is one model call with its own usage
    private TurnUsage usage = TurnUsage.NONE;

    /** A translator for the output of the process that runs our turn {@code turnId}. */
    public AmpTranslator(AgentEventSink sink, String turnId) {
        this.sink = sink;
        this.turnId = turnId;
    }

    /** The thread id (Amp's session id) once a line has named it, else null. */
    public String threadId() {
        return threadId;
    }

    /** Whether core still has this translator's turn open (no end reported, no end decided by core). */
    public boolean turnOpen() {
        return turnId != null && turnId.equals(sink.openTurn());
    }

    /** Ends the turn when Amp could not (no result line); core ignores it when the turn is over already. */
    public void endTurn(String stopReason) {
        sink.turnEnded(turnId, usage, Jsons.JSON.createObjectBuilder()
                .add("stop_reason", sink.interruptRequested() ? "interrupted" : stopReason).build(), null);
    }

    /** Translates one stdout line. Never throws: what cannot be translated is reported as unparsed. */
    public void accept(String line) {
        if (line.isBlank()) {
            return;
        }
        JsonObject message;
        try {
            if (!(Jsons.parse(line) instanceof JsonObject o)) {
                sink.unparsed("not a JSON object", "stdout", line);
                return;
            }
            message = o;
        } catch (JsonException e) {
            sink.unparsed("not JSON: " + e.getMessage(), "stdout", line);
            return;
        }
        try {
            if (message.get("session_id") instanceof JsonString s) {
                threadId = s.getString();
            }
            switch (message.getString("type", "")) {
                case "system" -> system(message, line);
                case "assistant" -> assistant(message);
                case "user" -> user(message);
                case "result" -> result(message);
                default -> sink.unparsed("unknown message type '" + message.getString("type", "") + "'", "stdout", line);
            }
        } catch (RuntimeException e) {
            sink.unparsed("cannot translate: " + e, "stdout", line);
        }
    }

    private void system(JsonObject message, String line) {
        if (!"init".equals(message.getString("subtype", ""))) {
            sink.unparsed("unknown system subtype '" + message.getString("subtype", "") + "'", "stdout", line);
            return;
        }
        JsonObjectBuilder metadata = Jsons.JSON.createObjectBuilder();
        for (String key : List.of("cwd", "agent_mode", "tools", "mcp_servers")) {
            if (message.containsKey(key)) {
                metadata.add(key, message.get(key));
            }
        }
        sink.sessionStarted(message.getString("session_id", null), metadata.build(), message);
    }

    private void assistant(JsonObject message) {
        JsonObject body = message.getJsonObject("message");
        if (body.get("usage") instanceof JsonObject reported) {
            lastUsage = reported;
            usage = usage.plus(TurnUsage.ofAnthropic(reported, null));
        }
        String parent = parent(message);
        for (JsonValue v : body.getJsonArray("content")) {
            JsonObject block = v.asJsonObject();
            AgentItem item = switch (block.getString("type", "")) {
                case "text" -> {
                    String text = block.getString("text", "");
                    yield text.isEmpty() ? null : AgentItem.text(null, ItemRole.ASSISTANT, text);
                }
                case "thinking" -> AgentItem.reasoning(null, block.getString("thinking", ""), ReasoningVisibility.PUBLIC);
                case "tool_use" -> AgentItem.toolCall(block.getString("id"), block.getString("name"),
                        Jsons.print(ContentBlocks.toolInput(block)));
                default -> AgentItem.unknown(null, ItemRole.ASSISTANT, block);
            };
            if (item != null) {
                sink.itemCompleted(item.withParent(parent), message);
            }
        }
    }

    /** User lines echo the prompt (already in the log) or carry tool results. */
    private void user(JsonObject message) {
        JsonValue content = message.getJsonObject("message").get("content");
        if (!(content instanceof JsonArray blocks)) {
            return;
        }
        for (JsonValue v : blocks) {
            JsonObject block = v.asJsonObject();
            if (!"tool_result".equals(block.getString("type", ""))) {
                continue;
            }
            String callId = block.getString("tool_use_id");
            String output = ContentBlocks.resultText(block.get("content"), "");
            boolean failed = block.getBoolean("is_error", false) || output.startsWith(REJECTED_PREFIX);
            sink.itemCompleted(AgentItem.toolResult(callId, output, failed), message);
        }
    }

    private void result(JsonObject message) {
        if (!turnOpen()) {
            sink.unparsed("a result for a turn that is over", "stdout", Jsons.print(message));
            return;
        }
        // An interrupted turn's end is reported as such, without Amp's "cancelled" error.
        boolean interrupted = sink.interruptRequested();
        boolean isError = message.getBoolean("is_error", false);
        String stopReason = interrupted ? "interrupted" : isError ? "error" : "end_turn";
        JsonObjectBuilder metadata = Jsons.JSON.createObjectBuilder().add("stop_reason", stopReason);
        for (String key : List.of("subtype", "num_turns", "duration_ms")) {
            if (message.containsKey(key)) {
                metadata.add(key, message.get(key));
            }
        }
        if (lastUsage != null) {
            metadata.add("usage", lastUsage);
        }
        JsonObject turn = metadata.build();
        if (isError && !interrupted) {
            String error = message.get("error") instanceof JsonString s ? s.getString()
                    : message.containsKey("error") ? Jsons.print(message.get("error"))
                    : "amp reported " + message.getString("subtype", "an error");
            sink.error(error, message.getString("subtype", "error"), turn, message);
        }
        sink.turnEnded(turnId, usage, turn, message);
    }

    private static String parent(JsonObject message) {
        return message.get("parent_tool_use_id") instanceof JsonString s ? s.getString() : null;
    }
}
