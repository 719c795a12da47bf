package dev.sandboxagent.core.schema;

/** Whether a turn event opens or closes the turn. */
public enum TurnPhase implements WireEnum {
    STARTED("started"),
    ENDED("ended");

    private final String wire;

    TurnPhase(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
