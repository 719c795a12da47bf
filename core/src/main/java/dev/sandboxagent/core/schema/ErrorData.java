package dev.sandboxagent.core.schema;

import jakarta.json.JsonValue;

import java.util.Objects;

/** Data of {@code error}: something went wrong that the client should know about. */
public record ErrorData(String message, String code, JsonValue details) implements EventData {
    public ErrorData {
        Objects.requireNonNull(message, "message");
    }
}
