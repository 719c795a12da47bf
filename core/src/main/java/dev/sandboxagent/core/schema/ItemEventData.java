package dev.sandboxagent.core.schema;

import java.util.Objects;

/** Data of {@code item.started} and {@code item.completed}. */
public record ItemEventData(UniversalItem item) implements EventData {
    public ItemEventData {
        Objects.requireNonNull(item, "item");
    }
}
