package dev.sandboxagent.core.port;

/** Answer to a session creation (the contract's CreateSessionResponse). */
public record CreateSessionResponse(boolean healthy, String nativeSessionId, AgentError error) {

    /** An agent-side error reported with an otherwise created session (the contract's AgentError). */
    public record AgentError(String type, String message, String agent, String sessionId) {
    }
}
