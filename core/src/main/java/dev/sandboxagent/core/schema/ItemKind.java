package dev.sandboxagent.core.schema;

/** What an item is. */
public enum ItemKind implements WireEnum {
    MESSAGE("message"),
    TOOL_CALL("tool_call"),
    TOOL_RESULT("tool_result"),
    SYSTEM("system"),
    STATUS("status"),
    UNKNOWN("unknown");

    private final String wire;

    ItemKind(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
