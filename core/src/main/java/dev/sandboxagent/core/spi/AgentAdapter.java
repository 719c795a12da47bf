package dev.sandboxagent.core.spi;

import java.util.List;
import java.util.Optional;

/**
 * The outbound port an agent plugs into, found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.sandboxagent.core.spi.AgentAdapter}). An adapter translates:
 * it starts its agent for a spec and reports what the agent does through the sink; installing,
 * numbering, storing and lifecycle rules are core's.
 */
public interface AgentAdapter {

    /** The agent id clients use, e.g. "claude". */
    String id();

    AgentCapabilities capabilities();

    List<AgentMode> modes();

    /** The models the agent offers; may ask the installed agent (binary null when not installed). */
    AgentModels models(java.nio.file.Path binary);

    /** How the agent CLI is installed; empty (the default) for agents built into the daemon. */
    default Optional<NpmDistribution> distribution() {
        return Optional.empty();
    }

    /** Where credentials can come from; empty (the default) when the agent needs none. */
    default List<CredentialSource> credentialSources() {
        return List.of();
    }

    /**
     * Whether the agent can take a new session's MCP servers and skills (already checked
     * against the contract's schema, and skills resolved against the session's directory),
     * asked before the agent is installed or started. Throws an invalid_request
     * {@link dev.sandboxagent.core.error.SandboxException} naming the piece it cannot take (see
     * {@link McpServer#unsupported}); config an agent cannot honour is refused, never dropped.
     * The default takes neither: an adapter that passes them on overrides this.
     */
    default void checkSessionConfig(List<McpServer> mcp, List<SessionSkills.Skill> skills) {
        if (!mcp.isEmpty()) {
            throw dev.sandboxagent.core.error.SandboxException.invalid("agent '" + id()
                    + "' cannot take MCP servers (the session's 'mcp' config)");
        }
        if (!skills.isEmpty()) {
            throw dev.sandboxagent.core.error.SandboxException.invalid("agent '" + id()
                    + "' cannot take skills (the session's 'skills' config)");
        }
    }

    /** Starts a session; events flow to {@code sink} from now on. */
    AgentSession start(AgentSessionSpec spec, AgentEventSink sink) throws Exception;

    /** Status of a shared server process, for agents that run one. */
    default Optional<ServerStatus> serverStatus() {
        return Optional.empty();
    }

    /** Called once when the daemon stops: end shared processes. */
    default void shutdown() {
    }
}
