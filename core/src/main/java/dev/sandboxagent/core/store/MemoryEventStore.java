package dev.sandboxagent.core.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Keeps every log in memory, as bytes (the old behaviour, for {@code --ephemeral}, embedders and
 * tests): nothing survives the process, so {@link #recover()} finds nothing.
 */
public final class MemoryEventStore implements EventStore {

    private final ConcurrentMap<String, MemoryLog> logs = new ConcurrentHashMap<>();
    private final int tailEvents;

    public MemoryEventStore() {
        this(FileEventStore.DEFAULT_TAIL_EVENTS);
    }

    public MemoryEventStore(int tailEvents) {
        this.tailEvents = tailEvents;
    }

    @Override
    public SessionLogStore create(String sessionId) {
        MemoryLog log = new MemoryLog();
        logs.put(sessionId, log);
        return log;
    }

    @Override
    public List<RecoveredLog> recover() {
        return List.of();
    }

    @Override
    public void delete(String sessionId) {
        logs.remove(sessionId);
    }

    /** The events' JSON held (raw payloads are kept as values, not counted). */
    @Override
    public long storedBytes(String sessionId) {
        MemoryLog log = logs.get(sessionId);
        return log == null ? 0 : log.bytes();
    }

    @Override
    public int tailEvents() {
        return tailEvents;
    }

    @Override
    public String problem() {
        return null;
    }

    @Override
    public void close() {
        logs.clear();
    }

    private static final class MemoryLog implements SessionLogStore {
        private final List<StoredEvent> events = new ArrayList<>();
        private final List<Supplier<byte[]>> raws = new ArrayList<>(); // kept unencoded, as the old log kept raw
        private long bytes;

        synchronized long bytes() {
            return bytes;
        }

        @Override
        public synchronized void append(long sequence, byte[] json, Supplier<byte[]> rawJson) {
            if (sequence != events.size() + 1L) {
                throw new IllegalStateException("sequence " + sequence + " appended after " + events.size());
            }
            events.add(new StoredEvent(sequence, json, rawJson != null));
            raws.add(rawJson);
            bytes += json.length;
        }

        @Override
        public synchronized List<StoredEvent> read(long after, int limit) {
            int from = (int) Math.max(0, after);
            int to = (int) Math.min(events.size(), from + (long) Math.max(0, limit));
            return from >= to ? List.of() : List.copyOf(events.subList(from, to));
        }

        @Override
        public synchronized byte[] raw(long sequence) {
            Supplier<byte[]> raw = sequence >= 1 && sequence <= raws.size() ? raws.get((int) sequence - 1) : null;
            return raw == null ? null : raw.get();
        }

        @Override
        public synchronized long lastSequence() {
            return events.size();
        }

        @Override
        public void writeMeta(byte[] json) {
            // nothing to restore from: the metadata lives in the engine's own session
        }

        @Override
        public void sync() {
            // nothing to write out
        }
    }
}
