package dev.sandboxagent.adapters.pi;

import dev.sandboxagent.core.error.SandboxException;
import dev.sandboxagent.core.spi.AgentAdapter;
import dev.sandboxagent.core.spi.AgentCapabilities;
import dev.sandboxagent.core.spi.AgentEventSink;
import dev.sandboxagent.core.spi.AgentMode;
import dev.sandboxagent.core.spi.AgentModels;
import dev.sandboxagent.core.spi.AgentSession;
import dev.sandboxagent.core.spi.AgentSessionSpec;
import dev.sandboxagent.core.spi.CredentialSource;
import dev.sandboxagent.core.spi.McpServer;
import dev.sandboxagent.core.spi.NpmDistribution;
import dev.sandboxagent.core.spi.SessionSkills;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Pi ({@code @mariozechner/pi-coding-agent}, binary {@code pi}): one {@code pi --mode rpc}
 * process per session, JSON lines over stdio ({@link PiSession}, {@link PiTranslator}). Pi
 * talks to whichever model provider its own configuration names (API keys in the environment,
 * {@code ~/.pi/agent/auth.json}, custom providers in {@code ~/.pi/agent/models.json}); the
 * session's {@code model} is passed as {@code --model provider/id}.
 */
public final class PiAdapter implements AgentAdapter {

    public static final String ID = "pi";
    static final String NPM_PACKAGE = "@mariozechner/pi-coding-agent";
    static final String BIN = "pi";
    /** The version the adapter was proven against (docs/agents/pi.md). */
    static final String VERSION = "0.73.1";

    /** The provider API keys pi reads from the environment (its --help lists them). */
    static final List<String> API_KEY_VARIABLES = List.of("ANTHROPIC_API_KEY", "ANTHROPIC_OAUTH_TOKEN",
            "OPENAI_API_KEY", "AZURE_OPENAI_API_KEY", "GEMINI_API_KEY", "DEEPSEEK_API_KEY", "GROQ_API_KEY",
            "CEREBRAS_API_KEY", "XAI_API_KEY", "FIREWORKS_API_KEY", "OPENROUTER_API_KEY", "AI_GATEWAY_API_KEY",
            "ZAI_API_KEY", "MISTRAL_API_KEY", "MINIMAX_API_KEY", "MOONSHOT_API_KEY", "KIMI_API_KEY",
            "AWS_BEARER_TOKEN_BEDROCK");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public AgentCapabilities capabilities() {
        return AgentCapabilities.builder()
                .textMessages()
                .streamingDeltas()
                .itemStarted()
                .toolCalls()
                .toolResults()
                .reasoning() // thinking blocks of models that think
                .fileAttachments() // by reference: their paths are named in the prompt and pi's read tool reads them
                .errorEvents()
                .sessionLifecycle() // the session id comes from pi's get_state at start
                // not permissions, not questions: pi has no approval or question protocol; every enabled tool
                //   runs (permission mode "plan" enables only the read-only tools instead)
                // not planMode: pi has no planning mode
                // not commandExecution / fileChanges: bash, edit and write are ordinary tool calls
                .build();
    }

    /** Pi has no agent modes. */
    @Override
    public List<AgentMode> modes() {
        return List.of();
    }

    /** The models depend on pi's configuration (providers with keys); the session names one as provider/id. */
    @Override
    public AgentModels models(Path binary) {
        return new AgentModels(List.of(), null);
    }

    @Override
    public Optional<NpmDistribution> distribution() {
        return Optional.of(new NpmDistribution(NPM_PACKAGE, BIN, VERSION));
    }

    @Override
    public List<CredentialSource> credentialSources() {
        return Stream.concat(API_KEY_VARIABLES.stream().<CredentialSource>map(CredentialSource.EnvVar::new),
                Stream.of(new CredentialSource.HomeFile(".pi/agent/auth.json"),
                        new CredentialSource.HomeFile(".pi/agent/models.json"))).toList();
    }

    /** Skills go to pi as {@code --skill DIR}; pi has no MCP support at all. */
    @Override
    public void checkSessionConfig(List<McpServer> mcp, List<SessionSkills.Skill> skills) {
        if (!mcp.isEmpty()) {
            throw SandboxException.invalid("agent 'pi' cannot take MCP servers (the session's 'mcp' config):"
                    + " pi has no MCP support");
        }
    }

    @Override
    public AgentSession start(AgentSessionSpec spec, AgentEventSink sink) throws Exception {
        return PiSession.start(spec, sink);
    }
}
