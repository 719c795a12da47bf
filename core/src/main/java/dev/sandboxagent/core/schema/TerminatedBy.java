package dev.sandboxagent.core.schema;

/** Which side ended a session. */
public enum TerminatedBy implements WireEnum {
    AGENT("agent"),
    DAEMON("daemon");

    private final String wire;

    TerminatedBy(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
