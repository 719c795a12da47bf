package dev.sandboxagent.core.schema;

import java.util.Objects;

/** Data of {@code item.delta}: text appended to the item {@code itemId}. */
public record ItemDeltaData(String itemId, String nativeItemId, String delta) implements EventData {
    public ItemDeltaData {
        Objects.requireNonNull(delta, "delta");
    }
}
