package dev.sandboxagent.core.schema;

/** A human's answer to a permission request. */
public enum PermissionReply implements WireEnum {
    ONCE("once"),
    ALWAYS("always"),
    REJECT("reject");

    private final String wire;

    PermissionReply(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
