package dev.sandboxagent.core.schema;

/** What a tool did to a file. */
public enum FileAction implements WireEnum {
    READ("read"),
    WRITE("write"),
    PATCH("patch");

    private final String wire;

    FileAction(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
