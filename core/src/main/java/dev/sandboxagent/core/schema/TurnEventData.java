package dev.sandboxagent.core.schema;

import jakarta.json.JsonValue;

import java.util.Objects;

/** Data of {@code turn.started} and {@code turn.ended}. */
public record TurnEventData(TurnPhase phase, String turnId, JsonValue metadata) implements EventData {
    public TurnEventData {
        Objects.requireNonNull(phase, "phase");
    }
}
