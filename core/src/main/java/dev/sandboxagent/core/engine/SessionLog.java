package dev.sandboxagent.core.engine;

import dev.sandboxagent.core.port.LogContext;
import dev.sandboxagent.core.schema.SessionEndReason;
import dev.sandboxagent.core.schema.SessionEndedData;
import dev.sandboxagent.core.schema.StderrOutput;
import dev.sandboxagent.core.schema.TerminatedBy;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * The session lifecycle's log lines, one per step, each carrying its {@link LogContext}: created,
 * reopened after a restart, ended (with the agent's exit code, signal and stderr tail when it
 * failed), deleted.
 */
final class SessionLog {

    private static final Logger LOG = System.getLogger(SessionLog.class.getName());
    private static final int STDERR_TAIL_LINES = 20;

    private SessionLog() {
    }

    static void created(String sessionId, String agent, String directory) {
        LOG.log(Level.INFO, "session {0}: created (agent {1}, directory {2})", new LogContext(sessionId, agent, null),
                agent, directory);
    }

    static void reopened(LogContext context) {
        LOG.log(Level.INFO, "session {0}: reopened (created by a previous daemon)", context);
    }

    static void deleted(String sessionId, String agent) {
        LOG.log(Level.INFO, "session {0}: deleted", new LogContext(sessionId, agent, null));
    }

    static void pruned(String sessionId, String agent) {
        LOG.log(Level.INFO, "session {0}: deleted by the retention limits (--max-session-age, --max-disk)",
                new LogContext(sessionId, agent, null));
    }

    static void ended(LogContext context, SessionEndedData e) {
        if (e.terminatedBy() != TerminatedBy.AGENT || e.reason() == SessionEndReason.COMPLETED) {
            LOG.log(Level.INFO, "session {0}: ended ({1}, by {2})", context, e.reason().wire(), e.terminatedBy().wire());
            return;
        }
        Integer code = e.exitCode();
        String signal = code != null && code > 128 ? ", signal " + (code - 128) : "";
        LOG.log(Level.WARNING, "session {0}: agent exited with code {1}{2}: {3}; stderr tail: {4}", context,
                String.valueOf(code), signal, e.message(), tail(e.stderr()));
    }

    private static String tail(StderrOutput stderr) {
        if (stderr == null || stderr.tail() == null || stderr.tail().isBlank()) {
            return "(empty)";
        }
        String[] lines = stderr.tail().split("\n");
        int from = Math.max(0, lines.length - STDERR_TAIL_LINES);
        return String.join(" | ", java.util.Arrays.copyOfRange(lines, from, lines.length));
    }
}
