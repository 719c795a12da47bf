package dev.sandboxagent.core.store;

import java.util.List;

/**
 * Outbound port: where sessions' event logs are kept. The engine keeps only a bounded tail of
 * each log in memory (for live followers) and reads anything older from here. Events are handed
 * over as their wire JSON (UTF-8, without raw) and, apart, the agent's raw JSON, so that a
 * reader gets back exactly the bytes clients were sent. Implementations: {@link MemoryEventStore}
 * (nothing survives the process) and {@link FileEventStore} (segment files under a directory).
 */
public interface EventStore extends AutoCloseable {

    /** Starts the log of a new session; a log left under the same id is replaced. */
    SessionLogStore create(String sessionId);

    /**
     * The sessions a previous process left (empty for a store that keeps nothing), each opened
     * for appending after its last intact event.
     */
    List<RecoveredLog> recover();

    /** Removes a session's log and everything stored with it. */
    void delete(String sessionId);

    /** How many bytes a session's stored log takes (0 when there is none), for retention limits. */
    long storedBytes(String sessionId);

    /** How many of a session's newest events the engine keeps in memory. */
    int tailEvents();

    /** Why storing currently fails (disk full, unwritable directory), or null when it works. */
    String problem();

    /** Writes out and closes every open log. */
    @Override
    void close();
}
