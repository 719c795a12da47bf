package dev.sandboxagent.core.engine;

import dev.sandboxagent.core.port.EventStream;
import dev.sandboxagent.core.port.FollowMode;
import dev.sandboxagent.core.schema.TurnEventData;
import dev.sandboxagent.core.schema.UniversalEvent;
import dev.sandboxagent.core.schema.UniversalEventType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's {@link EventStream}: a reader of one session's log from a position on. Each
 * stream keeps only its own position, so it never slows the agent or other readers. Besides
 * the events, it hands out the log's entries themselves ({@link #pollLogged}), whose wire form
 * was encoded once for every follower; the SSE writer in {@code http} sends those bytes. Its
 * {@link FollowMode} says whether it finishes when the session has ended or waits for a
 * continuation; a turn's stream finishes with its turn.
 */
public final class LogStream implements EventStream {

    private static final int BATCH = 512;

    private final EventLog log;
    private final String turnId; // null: follow the whole session
    private final boolean untilEnd;
    private long position;
    private boolean inTurn;
    private boolean finished;
    private volatile boolean closed;

    /** A stream of the whole session's events after {@code offset}. */
    LogStream(EventLog log, long offset, FollowMode mode) {
        this(log, offset, null, mode == FollowMode.UNTIL_END);
    }

    /** A stream of one turn's events, the first of which comes after {@code offset}. */
    LogStream(EventLog log, long offset, String turnId) {
        this(log, offset, turnId, true);
    }

    private LogStream(EventLog log, long offset, String turnId, boolean untilEnd) {
        this.log = log;
        this.position = Math.max(0, offset);
        this.turnId = turnId;
        this.untilEnd = untilEnd;
    }

    /** The sequence of the last event this stream handed out (or skipped). */
    public long position() {
        return position;
    }

    @Override
    public boolean isFinished() {
        return finished || closed;
    }

    @Override
    public List<UniversalEvent> poll(Duration maxWait) throws InterruptedException {
        return LoggedEvent.events(pollLogged(maxWait));
    }

    /** As {@link #poll}, as the log's entries (each with its wire form encoded once). */
    public List<LoggedEvent> pollLogged(Duration maxWait) throws InterruptedException {
        while (!isFinished()) {
            List<LoggedEvent> batch = log.read(position, BATCH);
            if (batch.isEmpty()) {
                if (atEnd() && position >= log.size()) {
                    finished = true;
                    return List.of();
                }
                if (!log.awaitBeyond(position, maxWait, untilEnd)) {
                    if (atEnd()) {
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

    /** Whether no more events will come that this stream waits for. */
    private boolean atEnd() {
        return log.isRetired() || untilEnd && log.isClosed();
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

    @Override
    public void close() {
        closed = true;
    }
}
