package dev.sandboxagent.core.port;

/**
 * The session a log line is about, passed as a parameter of the log call (JUL keeps parameters
 * on the record), so that a structured log format can write {@code session_id}, {@code agent}
 * and {@code turn_id} as fields; text formats show it as the session id. Any part may be null.
 */
public record LogContext(String sessionId, String agent, String turnId) {

    public LogContext withTurn(String turn) {
        return new LogContext(sessionId, agent, turn);
    }

    @Override
    public String toString() {
        return sessionId;
    }
}
