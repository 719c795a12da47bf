package dev.sandboxagent.core.schema;

import jakarta.json.JsonValue;

/** Data of {@code session.started}: whatever the agent says about the new session. */
public record SessionStartedData(JsonValue metadata) implements EventData {
}
