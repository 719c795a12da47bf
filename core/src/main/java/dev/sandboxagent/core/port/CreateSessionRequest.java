package dev.sandboxagent.core.port;

import jakarta.json.JsonObject;

/**
 * How a client wants a session set up (the contract's CreateSessionRequest). Only {@code agent}
 * is required; {@code mcp} maps server names to MCP server configs; {@code skills} is a
 * SkillsConfig object; both are kept as JSON. {@code nativeSessionId} (our addition) resumes an
 * existing conversation of the agent (Claude session, Codex thread, OpenCode session, Amp
 * thread) instead of starting a new one.
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
        String nativeSessionId) {

    /** A request for a new conversation (no native session to resume). */
    public CreateSessionRequest(String agent, String agentMode, String agentVersion, String directory, JsonObject mcp,
                                String model, String permissionMode, JsonObject skills, String title, String variant) {
        this(agent, agentMode, agentVersion, directory, mcp, model, permissionMode, skills, title, variant, null);
    }

    public static CreateSessionRequest forAgent(String agent) {
        return new CreateSessionRequest(agent, null, null, null, null, null, null, null, null, null, null);
    }
}
