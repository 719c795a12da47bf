package dev.sandboxagent.adapters.codex;

import dev.sandboxagent.core.spi.AgentAdapter;
import dev.sandboxagent.core.spi.AgentCapabilities;
import dev.sandboxagent.core.spi.AgentEventSink;
import dev.sandboxagent.core.spi.AgentMode;
import dev.sandboxagent.core.spi.AgentModels;
import dev.sandboxagent.core.spi.AgentSession;
import dev.sandboxagent.core.spi.AgentSessionSpec;
import dev.sandboxagent.core.spi.CredentialSource;
import dev.sandboxagent.core.spi.McpServer;
import dev.sandboxagent.core.spi.SessionSkills;
import dev.sandboxagent.core.spi.NpmDistribution;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The Codex CLI ({@code @openai/codex}) driven through {@code codex app-server}: one process per
 * session, JSON-RPC 2.0 over stdio. See {@link CodexSession} for the protocol and
 * {@link CodexPolicy} for how permission modes map onto codex's approvals and sandbox.
 */
public final class CodexAdapter implements AgentAdapter {

    public static final String ID = "codex";
    /** The version this adapter was proven against. */
    public static final String PINNED_VERSION = "0.169.0";

    private final CodexModels models = new CodexModels();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public AgentCapabilities capabilities() {
        return AgentCapabilities.builder()
                .planMode() // agent mode "plan" (codex's Plan collaboration mode), permission mode plan is read-only
                .permissions() // command, patch and permission approvals
                .questions() // codex's request_user_input tool
                .toolCalls()
                .toolResults()
                .textMessages()
                .images() // image attachments are sent as local images
                .fileAttachments() // other attachments are named in the message for the agent to read
                .sessionLifecycle() // the thread id is announced at start
                .errorEvents()
                .reasoning()
                .status() // warnings, retries, plans
                .commandExecution()
                .fileChanges()
                .streamingDeltas()
                .itemStarted()
                // not mcpTools: MCP servers are configured (-c mcp_servers...); their calls are translated as tool calls
                .build();
    }

    @Override
    public List<AgentMode> modes() {
        return List.of(
                new AgentMode("build", "Build", "Codex's default collaboration mode: it works on the task."),
                new AgentMode(CodexLaunch.PLAN_MODE, "Plan",
                        "Codex's Plan collaboration mode: it explores, asks questions and proposes a plan."));
    }

    @Override
    public AgentModels models(Path binary) {
        return models.models(binary);
    }

    @Override
    public Optional<NpmDistribution> distribution() {
        return Optional.of(new NpmDistribution("@openai/codex", "codex", PINNED_VERSION));
    }

    @Override
    public List<CredentialSource> credentialSources() {
        return List.of(new CredentialSource.EnvVar("OPENAI_API_KEY"), new CredentialSource.EnvVar("CODEX_API_KEY"),
                new CredentialSource.HomeFile(".codex/auth.json"));
    }

    /**
     * MCP servers become config overrides (see {@link CodexMcp} for what codex cannot take);
     * skills become an extra skills root of the app-server.
     */
    @Override
    public void checkSessionConfig(List<McpServer> mcp, List<SessionSkills.Skill> skills) {
        CodexMcp.check(mcp);
    }

    @Override
    public AgentSession start(AgentSessionSpec spec, AgentEventSink sink) throws Exception {
        // A known thread id continues that thread (thread/resume) instead of starting one; the
        // thread must be stored in the same CODEX_HOME.
        return CodexSession.start(spec, sink, CodexOptions.from(spec.environment()), spec.resumeNativeSessionId());
    }

}
