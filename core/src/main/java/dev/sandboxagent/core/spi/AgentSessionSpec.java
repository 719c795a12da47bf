package dev.sandboxagent.core.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything an adapter needs to start one agent session, made with {@link #builder} (the
 * canonical constructor is there for the record; use the builder).
 * {@code binary} is the agent CLI the engine found or installed (null for built-in agents);
 * {@code environment} is the daemon's environment, to be passed on to the agent process;
 * {@code mcpServers} and {@code skills} are the session's configuration, already checked by
 * the engine (skills resolved against the session's directory; both empty when absent);
 * {@code resumeNativeSessionId} names an existing conversation of the agent to continue (null:
 * start a new one).
 */
public record AgentSessionSpec(
        String sessionId,
        String agentMode,
        String permissionMode,
        String model,
        String variant,
        Path directory,
        Map<String, String> environment,
        List<McpServer> mcpServers,
        List<SessionSkills.Skill> skills,
        String title,
        Path binary,
        String agentVersion,
        String resumeNativeSessionId) {

    public AgentSessionSpec {
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        mcpServers = mcpServers == null ? List.of() : List.copyOf(mcpServers);
        skills = skills == null ? List.of() : List.copyOf(skills);
    }

    /** A spec for session {@code sessionId} working in {@code directory}; everything else is optional. */
    public static Builder builder(String sessionId, Path directory) {
        return new Builder(sessionId, directory);
    }

    /** A builder holding this spec's values, e.g. to resume: {@code spec.toBuilder().resume(id).build()}. */
    public Builder toBuilder() {
        return new Builder(sessionId, directory).agentMode(agentMode).permissionMode(permissionMode).model(model)
                .variant(variant).environment(environment).mcpServers(mcpServers).skills(skills).title(title)
                .binary(binary).agentVersion(agentVersion).resume(resumeNativeSessionId);
    }

    /** The optional parts of a spec; unset ones are null (lists and the environment: empty). */
    public static final class Builder {
        private final String sessionId;
        private final Path directory;
        private String agentMode;
        private String permissionMode;
        private String model;
        private String variant;
        private Map<String, String> environment;
        private List<McpServer> mcpServers;
        private List<SessionSkills.Skill> skills;
        private String title;
        private Path binary;
        private String agentVersion;
        private String resumeNativeSessionId;

        private Builder(String sessionId, Path directory) {
            this.sessionId = sessionId;
            this.directory = directory;
        }

        public Builder agentMode(String value) {
            agentMode = value;
            return this;
        }

        public Builder permissionMode(String value) {
            permissionMode = value;
            return this;
        }

        public Builder model(String value) {
            model = value;
            return this;
        }

        public Builder variant(String value) {
            variant = value;
            return this;
        }

        public Builder environment(Map<String, String> value) {
            environment = value;
            return this;
        }

        public Builder mcpServers(List<McpServer> value) {
            mcpServers = value;
            return this;
        }

        public Builder skills(List<SessionSkills.Skill> value) {
            skills = value;
            return this;
        }

        public Builder title(String value) {
            title = value;
            return this;
        }

        public Builder binary(Path value) {
            binary = value;
            return this;
        }

        public Builder agentVersion(String value) {
            agentVersion = value;
            return this;
        }

        /** Continue the agent's stored conversation {@code nativeSessionId} (null: a new one). */
        public Builder resume(String nativeSessionId) {
            resumeNativeSessionId = nativeSessionId;
            return this;
        }

        public AgentSessionSpec build() {
            return new AgentSessionSpec(sessionId, agentMode, permissionMode, model, variant, directory, environment,
                    mcpServers, skills, title, binary, agentVersion, resumeNativeSessionId);
        }
    }
}
