package dev.sandboxagent.core.spi;

import jakarta.json.JsonObject;

import java.nio.file.Path;
import java.util.Map;

/**
 * Everything an adapter needs to start one agent session. {@code binary} is the agent CLI the
 * engine found or installed (null for built-in agents); {@code environment} is the daemon's
 * environment, to be passed on to the agent process; {@code mcp} and {@code skills} are the
 * session's configuration as the client sent it (null when absent); {@code resumeNativeSessionId}
 * names an existing conversation of the agent to continue (null: start a new one).
 */
public record AgentSessionSpec(
        String sessionId,
        String agentMode,
        String permissionMode,
        String model,
        String variant,
        Path directory,
        Map<String, String> environment,
        JsonObject mcp,
        JsonObject skills,
        String title,
        Path binary,
        String agentVersion,
        String resumeNativeSessionId) {

    public AgentSessionSpec {
        environment = environment == null ? Map.of() : Map.copyOf(environment);
    }

    /** A spec for a new conversation. */
    public AgentSessionSpec(String sessionId, String agentMode, String permissionMode, String model, String variant,
                            Path directory, Map<String, String> environment, JsonObject mcp, JsonObject skills,
                            String title, Path binary, String agentVersion) {
        this(sessionId, agentMode, permissionMode, model, variant, directory, environment, mcp, skills, title, binary,
                agentVersion, null);
    }

    /** The {@code mcp} config, typed (empty when absent). */
    public java.util.List<McpServer> mcpServers() {
        return McpServer.parse(mcp);
    }

    /** The skills of the {@code skills} config, resolved against the session's directory (empty when absent). */
    public java.util.List<SessionSkills.Skill> resolvedSkills() {
        return SessionSkills.resolve(SessionSkills.parse(skills), directory);
    }
}
