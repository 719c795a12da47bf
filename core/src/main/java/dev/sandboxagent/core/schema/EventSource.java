package dev.sandboxagent.core.schema;

/** Who produced an event: the agent itself, or the daemon (synthesised or daemon-side facts). */
public enum EventSource implements WireEnum {
    AGENT("agent"),
    DAEMON("daemon");

    private final String wire;

    EventSource(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
