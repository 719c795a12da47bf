package dev.sandboxagent.core.schema;

import jakarta.json.JsonValue;

import java.util.Objects;

/**
 * Data of {@code permission.requested} / {@code permission.resolved}: {@code action} names what
 * the agent wants to do (usually the tool), {@code metadata} carries its input.
 */
public record PermissionEventData(String permissionId, String action, PermissionStatus status, JsonValue metadata)
        implements EventData {
    public PermissionEventData {
        Objects.requireNonNull(permissionId, "permission_id");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(status, "status");
    }

    public PermissionEventData withStatus(PermissionStatus newStatus) {
        return new PermissionEventData(permissionId, action, newStatus, metadata);
    }
}
