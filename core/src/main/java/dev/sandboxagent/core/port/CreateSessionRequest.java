package dev.sandboxagent.core.port;

import jakarta.json.JsonObject;

/**
 * How a client wants a session set up (the contract's CreateSessionRequest). Only {@code agent}
 * is required; {@code mcp} maps server names to MCP server configs; {@code skills} is a
 * SkillsConfig object; both are kept as JSON.
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
        String variant) {

    public static CreateSessionRequest forAgent(String agent) {
        return new CreateSessionRequest(agent, null, null, null, null, null, null, null, null, null);
    }
}
