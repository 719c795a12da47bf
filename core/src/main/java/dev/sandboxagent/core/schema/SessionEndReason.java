package dev.sandboxagent.core.schema;

/** Why a session ended. */
public enum SessionEndReason implements WireEnum {
    COMPLETED("completed"),
    ERROR("error"),
    TERMINATED("terminated");

    private final String wire;

    SessionEndReason(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
