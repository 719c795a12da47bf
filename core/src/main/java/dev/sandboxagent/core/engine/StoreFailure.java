package dev.sandboxagent.core.engine;

import dev.sandboxagent.core.port.LogContext;
import dev.sandboxagent.core.schema.ErrorData;
import dev.sandboxagent.core.schema.SessionEndReason;
import dev.sandboxagent.core.schema.SessionEndedData;
import dev.sandboxagent.core.schema.TerminatedBy;
import dev.sandboxagent.core.schema.UniversalEventType;

/**
 * A session whose event log can no longer be written (disk full, file size limit, unwritable
 * data directory) is stopped: an agent that goes on working while nothing of what it does can
 * be kept would be running unobserved. The session gets an {@code error} event
 * ({@code code: event_log_write_failed}) naming the cause, then {@code session.ended} (reason
 * error, by the daemon), and its agent process is ended. Its events stay readable from memory
 * for the rest of the daemon's run; the files keep what was written before. Other sessions go
 * on (each writes its own files).
 */
final class StoreFailure {

    static final String CODE = "event_log_write_failed";
    private static final System.Logger LOG = System.getLogger(StoreFailure.class.getName());

    private StoreFailure() {
    }

    static void stop(Session session, String cause) {
        Normalizer n = session.normalizer;
        synchronized (n) {
            if (n.ended) {
                LOG.log(System.Logger.Level.ERROR, "session {0}: after its end: {1}",
                        new LogContext(session.id, session.agent, null), cause);
                return;
            }
            LOG.log(System.Logger.Level.ERROR, "session {0}: {1}; stopping its agent",
                    new LogContext(session.id, session.agent, null), cause);
            n.terminating = true; // the agent's exit that follows is ours, not a crash
            n.emitDaemon(UniversalEventType.ERROR, new ErrorData(cause + "; the agent was stopped (events from here on"
                    + " are kept in memory only, until the daemon stops)", CODE, null));
            n.endSession(new SessionEndedData(SessionEndReason.ERROR, TerminatedBy.DAEMON, null,
                    "the session's event log cannot be written: " + cause, null));
        }
        session.terminate();
    }
}
