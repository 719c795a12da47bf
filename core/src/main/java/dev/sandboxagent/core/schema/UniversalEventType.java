package dev.sandboxagent.core.schema;

/** The type of a {@link UniversalEvent}; decides which {@link EventData} variant it carries. */
public enum UniversalEventType implements WireEnum {
    SESSION_STARTED("session.started"),
    SESSION_ENDED("session.ended"),
    TURN_STARTED("turn.started"),
    TURN_ENDED("turn.ended"),
    ITEM_STARTED("item.started"),
    ITEM_DELTA("item.delta"),
    ITEM_COMPLETED("item.completed"),
    ERROR("error"),
    PERMISSION_REQUESTED("permission.requested"),
    PERMISSION_RESOLVED("permission.resolved"),
    QUESTION_REQUESTED("question.requested"),
    QUESTION_RESOLVED("question.resolved"),
    AGENT_UNPARSED("agent.unparsed");

    private final String wire;

    UniversalEventType(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
