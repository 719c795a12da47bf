package dev.sandboxagent.core.schema;

import java.util.List;
import java.util.Objects;

/**
 * A unit of conversation: a message, a tool call, a tool result, a status line… Items are
 * announced by {@code item.started}, grow through {@code item.delta} and end with
 * {@code item.completed}. {@code itemId} is the daemon's id, unique within a session;
 * {@code nativeItemId} is the agent's own id when it has one.
 */
public record UniversalItem(
        String itemId,
        String nativeItemId,
        String parentId,
        ItemKind kind,
        ItemRole role,
        List<ContentPart> content,
        ItemStatus status) {

    public UniversalItem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        content = content == null ? List.of() : List.copyOf(content);
    }

    public UniversalItem withItemId(String id) {
        return new UniversalItem(id, nativeItemId, parentId, kind, role, content, status);
    }

    public UniversalItem withParentId(String parent) {
        return new UniversalItem(itemId, nativeItemId, parent, kind, role, content, status);
    }

    public UniversalItem withStatus(ItemStatus newStatus) {
        return new UniversalItem(itemId, nativeItemId, parentId, kind, role, content, newStatus);
    }

    public UniversalItem withContent(List<ContentPart> newContent) {
        return new UniversalItem(itemId, nativeItemId, parentId, kind, role, newContent, status);
    }

    /** The concatenated text of the item's text parts. */
    public String text() {
        return ContentPart.textOf(content);
    }
}
