package dev.sandboxagent.core.engine;

import dev.sandboxagent.core.schema.TurnEventData;
import dev.sandboxagent.core.schema.UniversalEvent;
import dev.sandboxagent.core.schema.UniversalEventType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A reader of one session's log from a position on, for plain Java and for SSE. Each stream
 * keeps only its own position, so it never slows the agent or other readers. A stream is
 * finished when the session ended and everything was read, or, for a turn stream, when that
 * turn's {@code turn.ended} was read. Not thread-safe: one reader per stream.
 */
public final class EventStream implements AutoCloseable {

    private static final int BATCH = 512;

    private final EventLog log;
    private final String turnId; // null: follow the whole session
    private long position;
    private boolean inTurn;
    private boolean finished;
    private volatile boolean closed;

    EventStream(EventLog log, long offset, String turnId) {
        this.log = log;
        this.position = Math.max(0, offset);
        this.turnId = turnId;
    }

    /** The sequence of the last event this stream handed out (or skipped). */
    public long position() {
        return position;
    }

    public boolean isFinished() {
        return finished || closed;
    }

    /**
     * The next events, waiting up to {@code maxWait} for some to arrive. An empty list means
     * none arrived in time, or the stream is finished ({@link #isFinished()}).
     */
    public List<LoggedEvent> poll(Duration maxWait) throws InterruptedException {
        while (!isFinished()) {
            List<LoggedEvent> batch = log.read(position, BATCH);
            if (batch.isEmpty()) {
                if (log.isClosed() && position >= log.size()) {
                    finished = true;
                    return List.of();
                }
                if (!log.awaitBeyond(position, maxWait)) {
                    if (log.isClosed()) {
                        continue;
                    }
                    return List.of();
                }
                continue;
            }
            List<LoggedEvent> out = turnId == null ? batch : filterTurn(batch);
            if (turnId == null) {
                position = batch.getLast().sequence();
            }
            if (!out.isEmpty() || turnId == null) {
                return out;
            }
        }
        return List.of();
    }

    private List<LoggedEvent> filterTurn(List<LoggedEvent> batch) {
        List<LoggedEvent> out = new ArrayList<>();
        for (LoggedEvent e : batch) {
            position = e.sequence();
            UniversalEvent ev = e.event();
            if (!inTurn) {
                if (ev.type() == UniversalEventType.TURN_STARTED && ev.data() instanceof TurnEventData t
                        && turnId.equals(t.turnId())) {
                    inTurn = true;
                    out.add(e);
                } else if (ev.type() == UniversalEventType.SESSION_ENDED) {
                    out.add(e); // the session ended before the turn could run
                    finished = true;
                    return out;
                }
                continue;
            }
            out.add(e);
            if (ev.type() == UniversalEventType.TURN_ENDED || ev.type() == UniversalEventType.SESSION_ENDED) {
                finished = true;
                return out;
            }
        }
        return out;
    }

    /** A blocking stream of the events, ending when this stream is finished. */
    public Stream<UniversalEvent> stream() {
        Iterator<UniversalEvent> it = new Iterator<>() {
            private final List<UniversalEvent> buffer = new ArrayList<>();
            private int index;

            @Override
            public boolean hasNext() {
                try {
                    while (index >= buffer.size()) {
                        if (isFinished()) {
                            return false;
                        }
                        buffer.clear();
                        index = 0;
                        for (LoggedEvent e : poll(Duration.ofSeconds(1))) {
                            buffer.add(e.event());
                        }
                    }
                    return true;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }

            @Override
            public UniversalEvent next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return buffer.get(index++);
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED), false)
                .onClose(this::close);
    }

    @Override
    public void close() {
        closed = true;
    }
}
