package dev.sandboxagent.core.schema;

/** Who an item speaks for. */
public enum ItemRole implements WireEnum {
    USER("user"),
    ASSISTANT("assistant"),
    SYSTEM("system"),
    TOOL("tool");

    private final String wire;

    ItemRole(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
