package dev.sandboxagent.core.schema;

import java.util.Objects;

/**
 * Data of {@code agent.unparsed}: output of the agent that could not be translated; the text
 * itself is the event's {@code raw}. {@code location} says where it came from (e.g. "stdout").
 */
public record AgentUnparsedData(String error, String location, String rawHash) implements EventData {
    public AgentUnparsedData {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(location, "location");
    }
}
