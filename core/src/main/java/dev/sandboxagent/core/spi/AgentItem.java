package dev.sandboxagent.core.spi;

import dev.sandboxagent.core.schema.ContentPart;
import dev.sandboxagent.core.schema.ItemKind;
import dev.sandboxagent.core.schema.ItemRole;
import dev.sandboxagent.core.schema.ItemStatus;
import dev.sandboxagent.core.schema.ReasoningVisibility;
import jakarta.json.JsonValue;

import java.util.List;
import java.util.Objects;

/**
 * An item as an adapter reports it: everything in the agent's own terms. {@code nativeId} is the
 * agent's id for the item (null when it has none), {@code nativeParentId} the agent's id of the
 * item it belongs to (a tool result's call, a sub-agent's tool call). Core (the normaliser) turns
 * it into the {@code UniversalItem} clients see: it assigns the item id and maps the parent to the
 * parent's item id.
 *
 * <p>A tool result is always made with {@link #toolResult}: it is known by
 * {@link #resultId resultId(callId)} and is a child of its call, for every agent alike.
 */
public record AgentItem(
        String nativeId,
        String nativeParentId,
        ItemKind kind,
        ItemRole role,
        List<ContentPart> content,
        ItemStatus status) {

    public AgentItem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        content = content == null ? List.of() : List.copyOf(content);
    }

    /** Any item; prefer the named factories below. */
    public static AgentItem of(String nativeId, ItemKind kind, ItemRole role, List<ContentPart> content,
                               ItemStatus status) {
        return new AgentItem(nativeId, null, kind, role, content, status);
    }

    /** A finished message of {@code role} with one text part. */
    public static AgentItem text(String nativeId, ItemRole role, String text) {
        return of(nativeId, ItemKind.MESSAGE, role, List.of(new ContentPart.Text(text)), ItemStatus.COMPLETED);
    }

    /** A message of {@code role} that starts now; its text follows as deltas. */
    public static AgentItem messageStarted(String nativeId, ItemRole role) {
        return of(nativeId, ItemKind.MESSAGE, role, List.of(), ItemStatus.IN_PROGRESS);
    }

    /** A finished piece of the assistant's reasoning. */
    public static AgentItem reasoning(String nativeId, String text, ReasoningVisibility visibility) {
        return of(nativeId, ItemKind.MESSAGE, ItemRole.ASSISTANT,
                List.of(new ContentPart.Reasoning(text, visibility)), ItemStatus.COMPLETED);
    }

    /** A finished tool call known by the agent's {@code callId}; {@code arguments} as the agent gave them. */
    public static AgentItem toolCall(String callId, String toolName, String arguments) {
        return of(callId, ItemKind.TOOL_CALL, ItemRole.ASSISTANT,
                List.of(new ContentPart.ToolCall(toolName, arguments, callId)), ItemStatus.COMPLETED);
    }

    /** The finished result of call {@code callId}: a child of the call, known by {@link #resultId}. */
    public static AgentItem toolResult(String callId, String output, boolean failed) {
        return new AgentItem(resultId(callId), callId, ItemKind.TOOL_RESULT, ItemRole.TOOL,
                List.of(new ContentPart.ToolResult(callId, output)),
                failed ? ItemStatus.FAILED : ItemStatus.COMPLETED);
    }

    /** The result of call {@code callId} as it starts, before its output streams in. */
    public static AgentItem toolResultStarted(String callId) {
        return new AgentItem(resultId(callId), callId, ItemKind.TOOL_RESULT, ItemRole.TOOL, List.of(),
                ItemStatus.IN_PROGRESS);
    }

    /** A status line of the agent (a retry, a mode change, an interruption…). */
    public static AgentItem status(String nativeId, String label, String detail) {
        return of(nativeId, ItemKind.STATUS, ItemRole.SYSTEM, List.of(new ContentPart.Status(label, detail)),
                ItemStatus.COMPLETED);
    }

    /** Something of the agent this adapter has no kind for, kept as JSON. */
    public static AgentItem unknown(String nativeId, ItemRole role, JsonValue json) {
        return of(nativeId, ItemKind.UNKNOWN, role, List.of(new ContentPart.Json(json)), ItemStatus.COMPLETED);
    }

    /** The native id of call {@code callId}'s result (null for an unknown call), for deltas to it. */
    public static String resultId(String callId) {
        return callId == null ? null : callId + ":result";
    }

    public AgentItem withParent(String parentNativeId) {
        return new AgentItem(nativeId, parentNativeId, kind, role, content, status);
    }

    public AgentItem withStatus(ItemStatus newStatus) {
        return new AgentItem(nativeId, nativeParentId, kind, role, content, newStatus);
    }

    public AgentItem withContent(List<ContentPart> newContent) {
        return new AgentItem(nativeId, nativeParentId, kind, role, newContent, status);
    }

    /** The concatenated text of the item's text parts. */
    public String text() {
        return ContentPart.textOf(content);
    }
}
