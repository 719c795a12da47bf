package dev.sandboxagent.core.schema;

/** Where an item is in its life. */
public enum ItemStatus implements WireEnum {
    IN_PROGRESS("in_progress"),
    COMPLETED("completed"),
    FAILED("failed");

    private final String wire;

    ItemStatus(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
