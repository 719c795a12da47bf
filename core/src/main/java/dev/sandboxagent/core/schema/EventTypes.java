package dev.sandboxagent.core.schema;

/** Which {@link EventData} variant belongs to which {@link UniversalEventType}. */
public final class EventTypes {

    private EventTypes() {
    }

    /** The data class events of {@code type} carry. */
    public static Class<? extends EventData> dataClass(UniversalEventType type) {
        return switch (type) {
            case SESSION_STARTED -> SessionStartedData.class;
            case SESSION_ENDED -> SessionEndedData.class;
            case TURN_STARTED, TURN_ENDED -> TurnEventData.class;
            case ITEM_STARTED, ITEM_COMPLETED -> ItemEventData.class;
            case ITEM_DELTA -> ItemDeltaData.class;
            case ERROR -> ErrorData.class;
            case PERMISSION_REQUESTED, PERMISSION_RESOLVED -> PermissionEventData.class;
            case QUESTION_REQUESTED, QUESTION_RESOLVED -> QuestionEventData.class;
            case AGENT_UNPARSED -> AgentUnparsedData.class;
        };
    }

    public static boolean accepts(UniversalEventType type, EventData data) {
        return dataClass(type).isInstance(data);
    }
}
