package dev.sandboxagent.core.store;

/**
 * A session log found by {@link EventStore#recover()}: its metadata as last written (null if
 * none was), the log opened for appending after its last intact event, and what was wrong with
 * it, if anything ({@code damage} is null for an intact log; a torn last record is not damage:
 * it was never acknowledged and is dropped silently).
 */
public record RecoveredLog(String sessionId, byte[] meta, SessionLogStore log, String damage) {
}
