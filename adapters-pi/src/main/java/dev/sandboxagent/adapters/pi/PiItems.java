package dev.sandboxagent.adapters.pi;

import dev.sandboxagent.core.json.ContentBlocks;
import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.schema.ItemRole;
import dev.sandboxagent.core.schema.ReasoningVisibility;
import dev.sandboxagent.core.spi.AgentEventSink;
import dev.sandboxagent.core.spi.AgentItem;
import dev.sandboxagent.core.spi.TurnUsage;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Pi's messages as items. An assistant message streams its content blocks through
 * {@code message_update} events ({@code text_start/_delta/_end}, {@code thinking_end},
 * {@code toolcall_end}, each with its {@code contentIndex}); a block is one item, known by the
 * message's number and its index, since pi's messages carry no id. {@code message_end} completes
 * whatever did not stream to its end (an aborted message). Tools report their run with
 * {@code tool_execution_start/_end}. The {@code partial} and {@code message} snapshots inside
 * {@code message_update} are not read: pi prints them after they have moved on (a
 * {@code text_start} already shows the whole text).
 */
final class PiItems {

    private final AgentEventSink sink;
    /** Makes native ids unique across the processes of one session (a resumed one counts from 1 again). */
    private final String prefix = "pi-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private long messages;
    private String messageId;
    private final Set<Integer> completed = new HashSet<>();

    PiItems(AgentEventSink sink) {
        this.sink = sink;
    }

    /** {@code message_start}: an assistant message opens (other roles are pi's record of what we sent or of tool results). */
    void messageStart(JsonObject message) {
        if ("assistant".equals(Jsons.string(message, "role"))) {
            messageId = prefix + (++messages);
            completed.clear();
        }
    }

    /** {@code message_update}: one streaming step of the open assistant message. */
    void update(JsonObject event, JsonObject raw) {
        if (messageId == null) {
            return;
        }
        int index = event.getInt("contentIndex", 0);
        String id = blockId(index);
        switch (String.valueOf(Jsons.string(event, "type"))) {
            case "text_start" -> sink.itemStarted(AgentItem.messageStarted(id, ItemRole.ASSISTANT), raw);
            case "text_delta" -> sink.itemDelta(id, event.getString("delta", ""), raw);
            case "text_end" -> complete(index, AgentItem.text(id, ItemRole.ASSISTANT, event.getString("content", "")), raw);
            case "thinking_end" -> complete(index, AgentItem.reasoning(id, event.getString("content", ""),
                    ReasoningVisibility.PUBLIC), raw);
            case "toolcall_end" -> complete(index, toolCall(Jsons.object(event, "toolCall")), raw);
            default -> {
                // start, thinking_start/_delta, toolcall_start/_delta, done, error: their results come whole later
            }
        }
    }

    /**
     * {@code message_end} of an assistant message: blocks that did not stream to their end are
     * completed from the final message. Returns what the model call cost.
     */
    TurnUsage messageEnd(JsonObject message, JsonObject raw) {
        if (!"assistant".equals(Jsons.string(message, "role")) || messageId == null) {
            return TurnUsage.NONE;
        }
        JsonArray content = Jsons.array(message, "content");
        for (int i = 0; i < content.size(); i++) {
            if (!completed.contains(i) && content.get(i) instanceof JsonObject block) {
                AgentItem item = block(i, block);
                if (item != null) {
                    complete(i, item, raw);
                }
            }
        }
        messageId = null;
        return usage(Jsons.object(message, "usage"));
    }

    /** {@code tool_execution_start}: the tool of an announced call starts running. */
    void toolStarted(JsonObject event) {
        sink.itemStarted(AgentItem.toolResultStarted(Jsons.string(event, "toolCallId")), event);
    }

    /** {@code tool_execution_end}: the tool's result, failed when pi says {@code isError}. */
    void toolEnded(JsonObject event) {
        JsonValue content = Jsons.object(event, "result").get("content");
        sink.itemCompleted(AgentItem.toolResult(Jsons.string(event, "toolCallId"),
                ContentBlocks.resultText(content, "\n"), Jsons.bool(event, "isError")), event);
    }

    private AgentItem block(int index, JsonObject block) {
        String id = blockId(index);
        return switch (String.valueOf(Jsons.string(block, "type"))) {
            case "text" -> AgentItem.text(id, ItemRole.ASSISTANT, block.getString("text", ""));
            case "thinking" -> AgentItem.reasoning(id, block.getString("thinking", ""), ReasoningVisibility.PUBLIC);
            case "toolCall" -> toolCall(block);
            default -> AgentItem.unknown(id, ItemRole.ASSISTANT, block);
        };
    }

    private static AgentItem toolCall(JsonObject call) {
        JsonValue args = call.containsKey("arguments") ? call.get("arguments") : JsonValue.EMPTY_JSON_OBJECT;
        return AgentItem.toolCall(Jsons.string(call, "id"), Jsons.string(call, "name"), Jsons.print(args));
    }

    private void complete(int index, AgentItem item, JsonObject raw) {
        completed.add(index);
        sink.itemCompleted(item, raw);
    }

    private String blockId(int index) {
        return messageId + ":" + index;
    }

    /** Pi's usage: {@code input} (not cached), {@code output}, {@code cacheRead}, {@code cost.total} in dollars. */
    static TurnUsage usage(JsonObject usage) {
        BigDecimal total = TurnUsage.decimal(Jsons.object(usage, "cost"), "total");
        return new TurnUsage(TurnUsage.count(usage, "input"), TurnUsage.count(usage, "output"),
                TurnUsage.count(usage, "cacheRead"), total);
    }
}
