package dev.sandboxagent.core.port;

import jakarta.json.JsonObject;

/** A session as clients see it (the contract's SessionInfo plus its usage); times are epoch milliseconds. */
public record SessionInfo(
        String sessionId,
        String agent,
        String agentMode,
        String permissionMode,
        boolean ended,
        long eventCount,
        long createdAt,
        long updatedAt,
        String directory,
        JsonObject mcp,
        String model,
        String nativeSessionId,
        JsonObject skills,
        String title,
        String variant,
        SessionUsage usage) {
}
