package dev.sandboxagent.core.port;

import jakarta.json.JsonObject;

/**
 * How a client wants a session set up (the contract's CreateSessionRequest). Only {@code agent}
 * is required; {@code mcp} maps server names to MCP server configs; {@code skills} is a
 * SkillsConfig object; both are kept as JSON. {@code nativeSessionId} (our addition) resumes an
 * existing conversation of the agent (Claude session, Codex thread, OpenCode session, Amp
 * thread) instead of starting a new one. {@code turnIdleTimeoutMs} (our addition) is the turn
 * watchdog's limit: a turn during which the agent is silent that long is interrupted; 0 turns
 * the watchdog off, null takes the daemon's default.
 */
public record CreateSessionRequest(
        String agent,
        String agentMode,
        String agentVersion,
        String directory,
        JsonObject mcp,
        String model,
        String permissionMode,
        JsonObject skills,
        String title,
        String variant,
        String nativeSessionId,
        Long turnIdleTimeoutMs) {

    /** A request for a new conversation (no native session to resume). */
    public CreateSessionRequest(String agent, String agentMode, String agentVersion, String directory, JsonObject mcp,
                                String model, String permissionMode, JsonObject skills, String title, String variant) {
        this(agent, agentMode, agentVersion, directory, mcp, model, permissionMode, skills, title, variant, null);
    }

    /** A request without a turn watchdog setting of its own (the daemon's default applies). */
    public CreateSessionRequest(String agent, String agentMode, String agentVersion, String directory, JsonObject mcp,
                                String model, String permissionMode, JsonObject skills, String title, String variant,
                                String nativeSessionId) {
        this(agent, agentMode, agentVersion, directory, mcp, model, permissionMode, skills, title, variant,
                nativeSessionId, null);
    }

    /** This request with the turn watchdog's limit set. */
    public CreateSessionRequest withTurnIdleTimeoutMs(Long ms) {
        return new CreateSessionRequest(agent, agentMode, agentVersion, directory, mcp, model, permissionMode, skills,
                title, variant, nativeSessionId, ms);
    }

    public static CreateSessionRequest forAgent(String agent) {
        return new CreateSessionRequest(agent, null, null, null, null, null, null, null, null, null, null, null);
    }
}
