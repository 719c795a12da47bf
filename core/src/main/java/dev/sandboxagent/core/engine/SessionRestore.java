package dev.sandboxagent.core.engine;

import dev.sandboxagent.core.error.ErrorKind;
import dev.sandboxagent.core.error.ErrorType;
import dev.sandboxagent.core.error.SandboxException;
import dev.sandboxagent.core.schema.ErrorData;
import dev.sandboxagent.core.schema.SessionEndReason;
import dev.sandboxagent.core.schema.SessionEndedData;
import dev.sandboxagent.core.schema.TerminatedBy;
import dev.sandboxagent.core.schema.TurnEventData;
import dev.sandboxagent.core.schema.UniversalEvent;
import dev.sandboxagent.core.schema.UniversalEventType;

import java.util.List;

/**
 * Brings back a session from the log a previous daemon left: whether it had started and ended,
 * its native session id, its last turn (and whether that turn was still open). It reads the log
 * backwards from the end only as far as the last turn event. A session that was still running
 * ends with {@code session.ended} (reason error, by the daemon) saying that the daemon stopped.
 */
final class SessionRestore {

    static final String STOPPED = "the daemon stopped while the session was running";
    private static final int PAGE = 256;

    private SessionRestore() {
    }

    static void restore(Session session, String damage) {
        EventLog log = session.log;
        long size = log.size();
        UniversalEvent last = size == 0 ? null : log.read(size - 1, 1).getFirst().event(false);
        boolean started = size > 0 && log.read(0, 1).getFirst().event(false).type() == UniversalEventType.SESSION_STARTED;
        boolean ended = last != null && last.type() == UniversalEventType.SESSION_ENDED;
        String openTurn = null;
        long lastTurn = 0;
        scan:
        for (long end = size; end > 0; end -= PAGE) {
            List<LoggedEvent> page = log.read(Math.max(0, end - PAGE), (int) Math.min(PAGE, end));
            for (int i = page.size() - 1; i >= 0; i--) {
                UniversalEvent e = page.get(i).event(false);
                if (e.data() instanceof TurnEventData t && t.turnId() != null
                        && (e.type() == UniversalEventType.TURN_STARTED || e.type() == UniversalEventType.TURN_ENDED)) {
                    openTurn = e.type() == UniversalEventType.TURN_STARTED ? t.turnId() : null;
                    lastTurn = turnNumber(t.turnId());
                    break scan;
                }
            }
        }
        session.restoreTurns(lastTurn);
        ErrorData error = damage == null ? null : new ErrorData("the stored event log was damaged: " + damage
                + "; the events after it are lost", "event_log_damaged", null);
        Normalizer n = session.normalizer;
        synchronized (n) { // the normaliser's own state, set as its methods would under this monitor
            n.started = started;
            n.ended = ended;
            n.nativeSessionId = last == null ? null : last.nativeSessionId();
            n.turnId = openTurn;
            if (ended) {
                log.close();
                return;
            }
            session.reopened(); // live until the end below, so that active sessions never go below zero
            if (error != null) {
                n.emitDaemon(UniversalEventType.ERROR, error);
            }
            n.endSession(new SessionEndedData(SessionEndReason.ERROR, TerminatedBy.DAEMON, null, STOPPED, null));
        }
    }

    /** An ended session goes on in a new agent process, which announces it with a new session.started. */
    static void reopen(Session session) {
        if (session.log.storeFailure() != null) { // it was stopped for that: nothing it does could be kept
            throw new SandboxException(ErrorType.STREAM_ERROR, ErrorKind.UNAVAILABLE, "session '" + session.id
                    + "' cannot go on: " + session.log.storeFailure() + "; create a new session", null);
        }
        Normalizer n = session.normalizer;
        session.reopened();
        synchronized (n) {
            n.ended = false;
            n.terminating = false;
            n.started = false;
            n.turnId = null;
            session.log.reopen();
        }
    }

    private static long turnNumber(String turnId) {
        try {
            return turnId.startsWith("turn_") ? Long.parseLong(turnId.substring(5)) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
