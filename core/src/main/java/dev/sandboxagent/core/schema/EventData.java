package dev.sandboxagent.core.schema;

/**
 * The {@code data} of a {@link UniversalEvent}. Which variant an event carries follows from its
 * {@link UniversalEventType}; the variant itself has no discriminator on the wire.
 */
public sealed interface EventData permits TurnEventData, SessionStartedData, SessionEndedData,
        ItemEventData, ItemDeltaData, ErrorData, PermissionEventData, QuestionEventData,
        AgentUnparsedData {
}
