package dev.sandboxagent.core.store;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One session's stored log. One writer appends (under the normaliser's order, sequence n after
 * n-1); any number of readers read concurrently. Appends may be buffered (group commit): a read
 * still sees every appended event.
 */
public interface SessionLogStore {

    /**
     * Appends event {@code sequence}: its wire JSON without raw, and the agent's raw JSON (or
     * null), which is encoded only when it is written out, off the caller's thread where the
     * store can. A store that cannot write keeps the event readable in memory and reports the
     * failure to the {@link #onFailure} listener.
     */
    void append(long sequence, byte[] json, Supplier<byte[]> rawJson);

    /** Events with sequence > {@code after}, oldest first, at most {@code limit}. */
    List<StoredEvent> read(long after, int limit);

    /** The raw JSON stored with event {@code sequence}, or null when it had none. */
    byte[] raw(long sequence);

    /** Sequence of the last event appended (0 when none). */
    long lastSequence();

    /**
     * Who hears, once, that this log can no longer be written (disk full, file too large,
     * unwritable directory), with the cause in words. It may be called on any thread, including
     * the appender's in the middle of {@link #append}: it must hand the work elsewhere.
     */
    default void onFailure(Consumer<String> listener) {
        // a store that cannot fail never calls it
    }

    /** Replaces the session's metadata (the engine's description of the session, as JSON). */
    void writeMeta(byte[] json);

    /** Writes buffered events out and syncs them to the device (the session ended or paused). */
    void sync();
}
