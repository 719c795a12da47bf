package dev.sandboxagent.adapters.opencode;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.schema.ContentPart;
import dev.sandboxagent.core.schema.ItemKind;
import dev.sandboxagent.core.schema.ItemRole;
import dev.sandboxagent.core.schema.ItemStatus;
import dev.sandboxagent.core.spi.AgentEventSink;
import dev.sandboxagent.core.spi.AgentItem;
import jakarta.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * An OpenCode tool part (pending, running, completed or error) as two items: the tool_call,
 * completed once OpenCode knows the input (running), and its tool_result (native id
 * {@code <part id>:result}, parent the call), completed or failed with the tool.
 */
final class ToolParts {
    private ToolParts() {
    }

    static void translate(AgentEventSink sink, PartState state, String id, JsonObject part, JsonObject raw) {
        String tool = Jsons.string(part, "tool") == null ? "unknown" : Jsons.string(part, "tool");
        String callId = Jsons.string(part, "callID") == null ? id : Jsons.string(part, "callID");
        JsonObject st = Jsons.object(part, "state");
        String status = Jsons.string(st, "status");
        if (!state.started) {
            state.started = true;
            sink.itemStarted(AgentItem.of(id, ItemKind.TOOL_CALL, ItemRole.ASSISTANT,
                    List.of(new ContentPart.ToolCall(tool, "{}", callId)), ItemStatus.IN_PROGRESS), raw);
        }
        if ("pending".equals(status) || status == null) {
            return;
        }
        if (!state.completed) {
            state.completed = true;
            sink.itemCompleted(AgentItem.of(id, ItemKind.TOOL_CALL, ItemRole.ASSISTANT,
                    List.of(new ContentPart.ToolCall(tool, Jsons.print(Jsons.object(st, "input")), callId)),
                    ItemStatus.COMPLETED), raw);
        }
        if (!state.resultStarted) {
            state.resultStarted = true;
            sink.itemStarted(AgentItem.toolResultStarted(id), raw);
        }
        boolean failed = "error".equals(status);
        if ((failed || "completed".equals(status)) && !state.resultCompleted) {
            state.resultCompleted = true;
            List<ContentPart> content = new ArrayList<>();
            content.add(new ContentPart.ToolResult(callId, failed ? Jsons.text(st.get("error"))
                    : Jsons.text(st.get("output"))));
            if (!failed) {
                content.addAll(FileRefs.of(tool, Jsons.object(st, "input"), Jsons.object(st, "metadata")));
            }
            // The result is the call's (its part id); its ToolResult names OpenCode's own call id.
            sink.itemCompleted(AgentItem.toolResult(id, "", failed).withContent(content), raw);
        }
    }
}
