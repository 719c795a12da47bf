package dev.sandboxagent.core.schema;

/** Whether reasoning text is shown to the user (public) or only summarised/hidden (private). */
public enum ReasoningVisibility implements WireEnum {
    PUBLIC("public"),
    PRIVATE("private");

    private final String wire;

    ReasoningVisibility(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
