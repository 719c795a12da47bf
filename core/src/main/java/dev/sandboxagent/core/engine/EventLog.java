package dev.sandboxagent.core.engine;

import dev.sandboxagent.core.store.SessionLogStore;
import dev.sandboxagent.core.store.StoreException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A session's append-only event log. One writer (the normaliser, under its own lock) appends;
 * any number of readers read by position without locking, each at its own pace, so a slow or
 * stuck reader never holds up the writer or other readers. Every event goes to the session's
 * {@link SessionLogStore}; only the newest ones stay in memory, in a ring, for live followers.
 * A reader behind the ring reads from the store, which gives back the same bytes. Readers that
 * caught up wait on a condition that each append signals. A log is closed while its session is
 * ended (a continuation reopens it) and retired when no event can ever come again (the session
 * deleted, the engine shut down): live readers wait through a close, not through a retirement.
 */
public final class EventLog {

    private static final System.Logger LOG = System.getLogger(EventLog.class.getName());

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final SessionLogStore store;
    private final LoggedEvent[] ring; // event n sits at (n - 1) % ring.length while it is among the newest
    // Published after the element is stored: a reader that sees size n can read entries <= n.
    private volatile long size;
    private volatile boolean closed;
    private volatile boolean retired;
    private volatile String storeFailure;

    EventLog(SessionLogStore store, int tailEvents) {
        this.store = store;
        this.ring = new LoggedEvent[Math.max(16, tailEvents)];
        this.size = store.lastSequence();
    }

    /** Appends; only the normaliser calls this, with sequence == size + 1. */
    void append(LoggedEvent entry) {
        long seq = entry.sequence();
        if (seq != size + 1) {
            throw new IllegalStateException("sequence " + seq + " appended at position " + (size + 1));
        }
        store.append(seq, entry.jsonBytes(), entry.rawEncoder()); // a store that cannot write keeps it in memory
        ring[(int) ((seq - 1) % ring.length)] = entry;
        size = seq;
        signal();
    }

    /** No more events will come (the session ended); waiting readers are woken, the store syncs. */
    void close() {
        closed = true;
        signal();
        try {
            store.sync();
        } catch (StoreException e) {
            LOG.log(System.Logger.Level.ERROR, e.getMessage());
        }
    }

    /** Replaces the session's stored metadata; a failure is logged and kept like a failed append. */
    void writeMeta(byte[] json) {
        try {
            store.writeMeta(json);
        } catch (StoreException e) {
            storeFailure = e.getMessage();
            LOG.log(System.Logger.Level.ERROR, e.getMessage());
        }
    }

    /** The session goes on (continued after it ended): readers wait for new events again. */
    void reopen() {
        closed = false;
    }

    /** No event will ever come (the session was deleted, the engine stopped): every reader is woken and ends. */
    void retire() {
        retired = true;
        closed = true;
        signal();
    }

    boolean isRetired() {
        return retired;
    }

    private void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /** Who hears that the store can no longer write this log ({@link SessionLogStore#onFailure}). */
    void onStoreFailure(Consumer<String> listener) {
        store.onFailure(cause -> {
            storeFailure = cause;
            listener.accept(cause);
        });
    }

    /** Why the store can no longer write this log, or null. */
    String storeFailure() {
        return storeFailure;
    }

    /** Number of events, which is also the last sequence. */
    public long size() {
        return size;
    }

    /** Events with sequence > {@code after}, oldest first, at most {@code limit}. */
    public List<LoggedEvent> read(long after, int limit) {
        long end = size;
        long from = Math.max(0, after);
        if (from >= end || limit <= 0) {
            return List.of();
        }
        long to = Math.min(end, from + limit);
        List<LoggedEvent> out = new ArrayList<>((int) (to - from));
        for (long seq = from + 1; seq <= to; seq++) {
            LoggedEvent e = ring[(int) ((seq - 1) % ring.length)];
            if (e == null || e.sequence() != seq) {
                break; // no longer (or, after a restart, not yet) in memory
            }
            out.add(e);
        }
        if (!out.isEmpty()) {
            return out;
        }
        return store.read(from, (int) (to - from)).stream().map(s -> new LoggedEvent(s, store)).toList();
    }

    /**
     * Waits until the log holds more than {@code seen} events, the log is closed, or the timeout
     * passes. Returns true when there are events beyond {@code seen}.
     */
    public boolean awaitBeyond(long seen, Duration timeout) throws InterruptedException {
        return awaitBeyond(seen, timeout, true);
    }

    /**
     * As {@link #awaitBeyond(long, Duration)}; with {@code wakeOnClose} false it waits through
     * the session's end too (a continuation may bring events), up to the log's retirement.
     */
    boolean awaitBeyond(long seen, Duration timeout, boolean wakeOnClose) throws InterruptedException {
        if (size > seen) {
            return true;
        }
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (size <= seen && !retired && !(wakeOnClose && closed) && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
        return size > seen;
    }

    /** Convenience for tests and embedders: waits up to {@code timeout} with the unit given. */
    public boolean awaitBeyond(long seen, long timeout, TimeUnit unit) throws InterruptedException {
        return awaitBeyond(seen, Duration.ofNanos(unit.toNanos(timeout)));
    }
}
