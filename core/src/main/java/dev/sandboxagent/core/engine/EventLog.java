package dev.sandboxagent.core.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A session's append-only event log. One writer (the normaliser, under its own lock) appends;
 * any number of readers read by position without locking, each at its own pace, so a slow or
 * stuck reader never holds up the writer or other readers. Event {@code n} (sequence n) sits at
 * index n-1. Readers that caught up wait on a condition that each append signals.
 */
public final class EventLog {

    private static final int CHUNK = 1024;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // Chunks never move once created; the outer array is replaced (copy) when it grows.
    private volatile LoggedEvent[][] chunks = new LoggedEvent[8][];
    // Published after the element is stored: a reader that sees size n can read entries < n.
    private volatile int size;
    private volatile boolean closed;

    /** Appends; only the normaliser calls this, with sequence == size + 1. */
    void append(LoggedEvent entry) {
        int index = size;
        if (entry.sequence() != index + 1L) {
            throw new IllegalStateException("sequence " + entry.sequence() + " appended at position " + (index + 1));
        }
        int c = index / CHUNK;
        LoggedEvent[][] cs = chunks;
        if (c >= cs.length) {
            LoggedEvent[][] grown = new LoggedEvent[cs.length * 2][];
            System.arraycopy(cs, 0, grown, 0, cs.length);
            cs = grown;
        }
        if (cs[c] == null) {
            cs[c] = new LoggedEvent[CHUNK];
        }
        cs[c][index % CHUNK] = entry;
        chunks = cs;
        size = index + 1;
        signal();
    }

    /** No more events will come (the session ended); waiting readers are woken. */
    void close() {
        closed = true;
        signal();
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

    /** Number of events, which is also the last sequence. */
    public long size() {
        return size;
    }

    /** Events with sequence > {@code after}, oldest first, at most {@code limit}. */
    public List<LoggedEvent> read(long after, int limit) {
        int end = size;
        LoggedEvent[][] cs = chunks;
        long from = Math.max(0, after);
        if (from >= end || limit <= 0) {
            return List.of();
        }
        int count = (int) Math.min(limit, end - from);
        List<LoggedEvent> out = new ArrayList<>(count);
        for (int i = (int) from; i < from + count; i++) {
            out.add(cs[i / CHUNK][i % CHUNK]);
        }
        return out;
    }

    /**
     * Waits until the log holds more than {@code seen} events, the log is closed, or the timeout
     * passes. Returns true when there are events beyond {@code seen}.
     */
    public boolean awaitBeyond(long seen, Duration timeout) throws InterruptedException {
        if (size > seen) {
            return true;
        }
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (size <= seen && !closed && nanos > 0) {
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
