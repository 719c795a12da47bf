package dev.sandboxagent.adapters.claude;

import dev.sandboxagent.core.json.ContentBlocks;
import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.schema.ContentPart;
import dev.sandboxagent.core.schema.ItemKind;
import dev.sandboxagent.core.schema.ItemRole;
import dev.sandboxagent.core.schema.ItemStatus;
import dev.sandboxagent.core.schema.ReasoningVisibility;
import dev.sandboxagent.core.spi.AgentEventSink;
import dev.sandboxagent.core.spi.AgentItem;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns claude's content into items: {@code stream_event} partial messages into started items
 * and deltas, finished {@code assistant} blocks into message / reasoning / tool_call items, and
 * {@code user} tool results into tool_result items parented to their call.
 *
 * <p>Native item ids: a tool call is known by its tool_use id (so results can name their
 * parent); any other block by {@code <message id>:<block index>}. claude prints one
 * {@code assistant} line per finished block, in block order and without the index, so the
 * n-th finished block of a message is block n.
 */
final class ClaudeItems {

    static final String INTERRUPTED_MARKER = "[Request interrupted by user";

    private final AgentEventSink sink;
    private String streamMessageId;
    private final Map<Integer, String> streamBlocks = new HashMap<>();
    private final Map<String, Integer> finishedBlocks = new HashMap<>();

    ClaudeItems(AgentEventSink sink) {
        this.sink = sink;
    }

    // ---- stream_event: the raw Messages API stream ----------------------------------------

    void streamEvent(JsonObject line) {
        JsonObject event = Jsons.object(line, "event");
        String parent = Jsons.string(line, "parent_tool_use_id");
        switch (String.valueOf(Jsons.string(event, "type"))) {
            case "message_start" -> {
                streamMessageId = Jsons.string(Jsons.objectOrNull(event, "message"), "id");
                streamBlocks.clear();
            }
            case "content_block_start" -> blockStart(event, parent, line);
            case "content_block_delta" -> blockDelta(event, line);
            default -> {
                // content_block_stop, message_delta, message_stop, ping: the assistant and
                // result lines carry what matters.
            }
        }
    }

    private void blockStart(JsonObject event, String parent, JsonObject raw) {
        Integer index = Jsons.integer(event, "index");
        JsonObject block = Jsons.object(event, "content_block");
        String type = String.valueOf(Jsons.string(block, "type"));
        String id = isToolUse(type) && Jsons.string(block, "id") != null ? Jsons.string(block, "id")
                : streamMessageId + ":" + index;
        streamBlocks.put(index, id);
        List<ContentPart> content = switch (type) {
            case "thinking", "redacted_thinking" -> List.of(new ContentPart.Reasoning("", visibility(type)));
            case "tool_use", "server_tool_use", "mcp_tool_use" ->
                    List.of(new ContentPart.ToolCall(String.valueOf(Jsons.string(block, "name")), "", id));
            default -> List.of();
        };
        ItemKind kind = isToolUse(type) ? ItemKind.TOOL_CALL : ItemKind.MESSAGE;
        sink.itemStarted(AgentItem.of(id, kind, ItemRole.ASSISTANT, content, ItemStatus.IN_PROGRESS).withParent(parent),
                raw);
    }

    private void blockDelta(JsonObject event, JsonObject raw) {
        Integer index = Jsons.integer(event, "index");
        String id = streamBlocks.getOrDefault(index, streamMessageId + ":" + index);
        JsonObject delta = Jsons.object(event, "delta");
        String text = switch (String.valueOf(Jsons.string(delta, "type"))) {
            case "text_delta" -> Jsons.string(delta, "text");
            case "thinking_delta" -> Jsons.string(delta, "thinking");
            case "input_json_delta" -> Jsons.string(delta, "partial_json");
            default -> null; // signature_delta, citations: nothing to show
        };
        if (text != null && !text.isEmpty()) {
            sink.itemDelta(id, text, raw);
        }
    }

    // ---- assistant: finished blocks --------------------------------------------------------

    /** Items of an assistant line; {@code failed} for claude's synthetic error messages. */
    void assistant(JsonObject line, boolean failed) {
        JsonObject message = Jsons.object(line, "message");
        String messageId = Jsons.string(message, "id");
        String parent = Jsons.string(line, "parent_tool_use_id");
        for (JsonValue v : Jsons.array(message, "content")) {
            if (!(v instanceof JsonObject block)) {
                continue;
            }
            int ordinal = finishedBlocks.merge(String.valueOf(messageId), 1, Integer::sum) - 1;
            String blockId = messageId + ":" + ordinal;
            String type = String.valueOf(Jsons.string(block, "type"));
            AgentItem item = switch (type) {
                case "text" -> AgentItem.text(blockId, ItemRole.ASSISTANT, String.valueOf(Jsons.string(block, "text")))
                        .withParent(parent);
                case "thinking", "redacted_thinking" -> AgentItem.reasoning(blockId,
                        Jsons.string(block, "thinking") != null ? Jsons.string(block, "thinking") : "",
                        visibility(type)).withParent(parent);
                case "tool_use", "server_tool_use", "mcp_tool_use" -> {
                    String callId = Jsons.string(block, "id") != null ? Jsons.string(block, "id") : blockId;
                    yield AgentItem.toolCall(callId, String.valueOf(Jsons.string(block, "name")),
                            ContentBlocks.toolInput(block).toString()).withParent(parent);
                }
                default -> type.endsWith("_tool_result") && Jsons.string(block, "tool_use_id") != null
                        ? toolResult(block, parent)
                        : AgentItem.unknown(blockId, ItemRole.ASSISTANT, block).withParent(parent);
            };
            if (failed && item.kind() != ItemKind.TOOL_RESULT) { // a result has its own outcome
                item = item.withStatus(ItemStatus.FAILED);
            }
            sink.itemCompleted(item, line);
        }
    }

    // ---- user: tool results and claude's own markers -------------------------------------

    void user(JsonObject line) {
        JsonObject message = Jsons.object(line, "message");
        String parent = Jsons.string(line, "parent_tool_use_id");
        String uuid = String.valueOf(Jsons.string(line, "uuid"));
        JsonValue content = message.get("content");
        if (content instanceof JsonString s) {
            userText(s.getString(), uuid + ":0", parent, line);
            return;
        }
        int i = 0;
        for (JsonValue v : Jsons.array(message, "content")) {
            String id = uuid + ":" + i++;
            if (!(v instanceof JsonObject block)) {
                continue;
            }
            switch (String.valueOf(Jsons.string(block, "type"))) {
                case "tool_result" -> sink.itemCompleted(toolResult(block, parent), line);
                case "text" -> userText(String.valueOf(Jsons.string(block, "text")), id, parent, line);
                default -> sink.itemCompleted(AgentItem.unknown(id, ItemRole.USER, block).withParent(parent), line);
            }
        }
    }

    /** claude's interruption markers become status items; other text it adds as the user is a user message. */
    private void userText(String text, String id, String parent, JsonObject raw) {
        AgentItem item = text.startsWith(INTERRUPTED_MARKER) ? AgentItem.status(id, "interrupted", text)
                : AgentItem.text(id, ItemRole.USER, text);
        sink.itemCompleted(item.withParent(parent), raw);
    }

    private static AgentItem toolResult(JsonObject block, String parent) {
        String callId = Jsons.string(block, "tool_use_id");
        AgentItem result = AgentItem.toolResult(callId, ContentBlocks.resultText(block.get("content"), "\n"),
                Jsons.bool(block, "is_error"));
        return callId != null ? result : result.withParent(parent);
    }

    private static boolean isToolUse(String type) {
        return type.equals("tool_use") || type.equals("server_tool_use") || type.equals("mcp_tool_use");
    }

    private static ReasoningVisibility visibility(String type) {
        return "redacted_thinking".equals(type) ? ReasoningVisibility.PRIVATE : ReasoningVisibility.PUBLIC;
    }
}
