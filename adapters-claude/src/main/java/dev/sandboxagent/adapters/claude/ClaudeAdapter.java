package dev.sandboxagent.adapters.claude;

import dev.sandboxagent.core.spi.AgentAdapter;
import dev.sandboxagent.core.spi.AgentCapabilities;
import dev.sandboxagent.core.spi.AgentEventSink;
import dev.sandboxagent.core.spi.AgentMode;
import dev.sandboxagent.core.spi.AgentModel;
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
 * Claude Code ({@code @anthropic-ai/claude-code}, binary {@code claude}): one long-lived
 * {@code claude -p} process per session in stream-json mode, permissions and questions over
 * the stdio control protocol. Proven against {@value #VERSION}.
 */
public final class ClaudeAdapter implements AgentAdapter {

    public static final String ID = "claude";
    static final String VERSION = "2.1.197";
    /** The model id meaning "no --model flag": claude picks its own default. */
    static final String DEFAULT_MODEL = "default";
    private static final List<String> EFFORTS = List.of("low", "medium", "high", "xhigh", "max");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public AgentCapabilities capabilities() {
        return AgentCapabilities.builder()
                .planMode() // agentMode plan / permissionMode plan, ExitPlanMode as a question
                .permissions() // can_use_tool
                .questions() // AskUserQuestion, ExitPlanMode
                .toolCalls()
                .toolResults()
                .textMessages()
                .images() // PNG, JPEG, GIF and WebP attachments up to 5 MiB go as base64 image blocks
                .fileAttachments() // other attachments are named in the text; claude reads them itself
                .sessionLifecycle() // session.started with the native id at start
                .errorEvents() // error results, failed control requests
                .reasoning() // thinking blocks
                .status() // system/status, api_retry, interruption markers
                .streamingDeltas() // --include-partial-messages
                .itemStarted() // content_block_start
                // not commandExecution: Bash is an ordinary tool call
                // not fileChanges: Write/Edit are ordinary tool calls
                // not mcpTools: MCP servers are configured (--mcp-config), their calls are ordinary tool calls
                .build();
    }

    @Override
    public List<AgentMode> modes() {
        return List.of(
                new AgentMode("build", "Build", "Claude Code works on the task; the permission mode decides what asks."),
                new AgentMode(ClaudeCommand.PLAN_AGENT_MODE, "Plan",
                        "Claude Code's plan mode: it explores and proposes a plan, and asks to approve it before it changes anything."));
    }

    @Override
    public AgentModels models(Path binary) {
        // claude resolves these aliases to its current models; any full model name works too.
        return new AgentModels(List.of(
                new AgentModel(DEFAULT_MODEL, "Claude Code's default model", EFFORTS, null),
                new AgentModel("opus", "Claude Opus (latest)", EFFORTS, null),
                new AgentModel("sonnet", "Claude Sonnet (latest)", EFFORTS, null),
                new AgentModel("haiku", "Claude Haiku (latest)", EFFORTS, null)), DEFAULT_MODEL);
    }

    @Override
    public Optional<NpmDistribution> distribution() {
        return Optional.of(new NpmDistribution("@anthropic-ai/claude-code", "claude", VERSION));
    }

    @Override
    public List<CredentialSource> credentialSources() {
        return List.of(
                new CredentialSource.EnvVar("ANTHROPIC_API_KEY"),
                new CredentialSource.EnvVar("ANTHROPIC_AUTH_TOKEN"),
                new CredentialSource.EnvVar("CLAUDE_CODE_OAUTH_TOKEN"),
                new CredentialSource.HomeFile(".claude/.credentials.json"));
    }

    /** MCP servers go to --mcp-config (all but OAuth logins); skills are linked into the directory's .claude/skills. */
    @Override
    public void checkSessionConfig(List<McpServer> mcp, List<SessionSkills.Skill> skills) {
        ClaudeMcpConfig.check(mcp);
    }

    /** A spec with a native session id to resume continues that stored conversation ({@code --resume}). */
    @Override
    public AgentSession start(AgentSessionSpec spec, AgentEventSink sink) {
        return ClaudeSession.start(checked(spec), sink);
    }

    private static AgentSessionSpec checked(AgentSessionSpec spec) {
        if (spec.binary() == null) {
            throw new IllegalArgumentException("the claude binary is not known (not installed?)");
        }
        ClaudeCommand.permissionMode(spec.agentMode(), spec.permissionMode()); // fails on unknown modes
        return spec;
    }
}
