package dev.sandboxagent.core.schema;

/** The state of a permission request. */
public enum PermissionStatus implements WireEnum {
    REQUESTED("requested"),
    ACCEPT("accept"),
    ACCEPT_FOR_SESSION("accept_for_session"),
    REJECT("reject");

    private final String wire;

    PermissionStatus(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
